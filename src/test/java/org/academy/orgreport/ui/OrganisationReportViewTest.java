package org.academy.orgreport.ui;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.academy.orgreport.CohortReport;
import org.academy.orgreport.LearnerReport;
import org.academy.progress.ProgressService;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextField;

import static org.assertj.core.api.Assertions.assertThat;

class OrganisationReportViewTest extends BrowserlessUiTest {

    @Autowired
    ProgressService progress;

    @Test
    @SuppressWarnings("unchecked")
    void an_org_admin_sees_their_cohorts_searches_their_learners_and_exports_completion() throws Exception {
        World w = fixtures.world(3, 2);
        Actors.as(w.studentA(), () -> progress.markComplete(w.cohortA().id(), w.courseA().lessons().getFirst().id()));
        open(w.orgAdminA(), "organisation");

        Grid<CohortReport> cohorts = find(Grid.class).withId("org-cohorts").single();
        assertThat(test(cohorts).size()).isEqualTo(1);
        assertThat(test(cohorts).getCellText(0, 4)).isEqualTo("17 %");
        Grid<LearnerReport> learners = find(Grid.class).withId("org-learners").single();
        assertThat(test(learners).size()).isEqualTo(3);

        test(find(TextField.class).withId("org-search").single()).setValue(w.studentA().email());
        assertThat(test(learners).size()).isEqualTo(1);
        assertThat(test(learners).getCellText(0, 3)).isEqualTo("50 % (1/2)");

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        test(find(Anchor.class).withId("org-export").single()).download(csv);
        String text = csv.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFname,email,cohort").contains(w.studentA().email()).doesNotContain(w.studentB().email());
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_administrator_opens_the_report_of_the_organisation_named_in_the_link() {
        World w = fixtures.world(2, 2);
        open(w.admin(), "organisation", java.util.Map.of("organisation", Long.toString(w.orgB().id())));

        com.vaadin.flow.component.combobox.ComboBox<org.academy.identity.OrganisationSummary> picker =
                find(com.vaadin.flow.component.combobox.ComboBox.class).withId("org-picker").single();
        assertThat(picker.getValue().name()).isEqualTo(w.orgB().name());
        Grid<LearnerReport> learners = find(Grid.class).withId("org-learners").single();
        assertThat(test(learners).size()).isEqualTo(1);
        assertThat(test(learners).getRow(0).userId()).isEqualTo(w.studentB().id());
    }
}
