package org.academy.progress.ui;

import org.academy.course.LessonSummary;
import org.academy.progress.LearnerProgress;
import org.academy.progress.ProgressService;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;

import static org.assertj.core.api.Assertions.assertThat;

class CohortDashboardViewTest extends BrowserlessUiTest {

    @Autowired
    ProgressService progress;

    World world;
    long cohort;

    @BeforeEach
    void setUp() {
        world = fixtures.world();
        cohort = world.cohortA().id();
    }

    private String stat(String id) {
        return find(Span.class).withId(id).single().getText();
    }

    @SuppressWarnings("unchecked")
    private Grid<LearnerProgress> grid() {
        return find(Grid.class).withId("progress-grid").single();
    }

    @Test
    void the_dashboard_shows_learners_against_lessons_with_aggregates() {
        Actors.as(world.studentA(), () -> progress.markComplete(cohort, world.courseA().lessons().getFirst().id()));

        open(world.instructorA(), "cohorts/" + cohort);

        assertThat(stat("stat-learners")).isEqualTo("3");
        assertThat(stat("stat-completions")).isEqualTo("1");
        assertThat(stat("stat-average")).isEqualTo("8 %");
        assertThat(test(grid()).size()).isEqualTo(3);
        // Learner, one column per lesson, progress, last activity.
        assertThat(grid().getColumns()).hasSize(1 + world.courseA().lessons().size() + 2);
        for (LessonSummary lesson : world.courseA().lessons()) {
            assertThat(grid().getColumnByKey("lesson-" + lesson.id())).isNotNull();
        }
    }

    @Test
    void the_dashboard_updates_live_when_a_learner_completes_a_lesson() {
        open(world.instructorA(), "cohorts/" + cohort);
        assertThat(stat("stat-completions")).isEqualTo("0");

        Actors.as(world.studentsA().get(2), () -> progress.markComplete(cohort, world.courseA().lessons().get(1).id()));
        Actors.login(world.instructorA());

        awaitPush("the completion on the dashboard", () -> stat("stat-completions").equals("1"));
        assertThat(test(grid()).getRow(0)).isNotNull();
        assertThat(grid().getListDataView().getItems()
                .filter(l -> l.userId() == world.studentsA().get(2).id()).findFirst().orElseThrow().percent())
                .isEqualTo(25);
    }

    @Test
    void the_refresh_button_reloads_from_the_database() {
        open(world.instructorA(), "cohorts/" + cohort);
        Actors.as(world.studentA(), () -> progress.markComplete(cohort, world.courseA().lessons().getFirst().id()));
        Actors.login(world.instructorA());

        test(find(Button.class).withId("dashboard-refresh").single()).click();

        assertThat(stat("stat-completions")).isEqualTo("1");
    }

    @Test
    void the_dashboard_of_another_instructors_cohort_is_not_found() {
        open(world.instructorB(), "cohorts/" + cohort);
        assertThat(find(Grid.class).exists()).isFalse();
    }
}
