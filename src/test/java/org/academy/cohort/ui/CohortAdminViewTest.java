package org.academy.cohort.ui;

import java.time.Instant;
import java.time.LocalDate;

import org.academy.cohort.CohortLearner;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;

import static org.assertj.core.api.Assertions.assertThat;

class CohortAdminViewTest extends BrowserlessUiTest {

    @Autowired
    CohortService cohorts;

    @Test
    @SuppressWarnings("unchecked")
    void an_administrator_moves_a_learner_to_a_later_cohort_of_the_same_course() {
        World w = fixtures.world(2, 2);
        CohortSummary later = Actors.as(w.admin(), () -> cohorts.createCohort(w.courseA().id(), "Later " + System.nanoTime(),
                LocalDate.of(2027, 5, 3), LocalDate.of(2027, 5, 4)));
        open(w.admin(), "admin/cohorts");
        Grid<CohortSummary> grid = find(Grid.class).withId("admin-cohorts").single();
        test(find(com.vaadin.flow.component.textfield.TextField.class).withId("admin-cohorts-search").single())
                .setValue(w.cohortA().name());
        assertThat(test(grid).size()).isEqualTo(1);
        test(grid).select(0);
        Grid<CohortLearner> learners = find(Grid.class).withId("admin-cohort-learners").single();
        assertThat(test(learners).size()).isEqualTo(2);

        test((Button) test(learners).getCellComponent(0, 2)).click();
        ComboBox<CohortSummary> to = find(ComboBox.class).withCaption("To cohort").single();
        // Only cohorts of the same course are offered.
        assertThat(test(to).getSuggestionItems()).extracting(CohortSummary::id).containsExactly(later.id());
        test(to).selectItem(test(to).getSuggestions().getFirst());
        test(find(Button.class).withText("Move").single()).click();

        assertThat(test(learners).size()).isEqualTo(1);
        assertThat(Actors.as(w.admin(), () -> cohorts.learners(later.id()))).hasSize(1);
    }

    @Test
    void a_new_cohort_starts_two_weeks_after_today_by_the_application_clock() {
        World w = fixtures.world(1, 1);
        // Noon UTC: the same date in the server's zone, wherever the build runs.
        clock.pin(Instant.parse("2031-03-04T12:00:00Z"));
        open(w.admin(), "admin/cohorts");

        test(find(Button.class).withId("cohort-create").single()).click();

        assertThat(find(DatePicker.class).withCaption("Starts on").single().getValue()).isEqualTo(LocalDate.of(2031, 3, 18));
        assertThat(find(DatePicker.class).withCaption("Ends on").single().getValue()).isEqualTo(LocalDate.of(2031, 3, 19));
    }
}
