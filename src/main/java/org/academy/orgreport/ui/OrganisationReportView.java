package org.academy.orgreport.ui;

import java.time.Clock;
import java.util.Optional;

import org.academy.base.ui.CsvDownload;
import org.academy.base.ui.Formats;
import org.academy.base.ui.LazyGrids;
import org.academy.base.ui.SearchFields;
import org.academy.base.ui.Pickers;
import org.academy.base.ui.RouteIds;
import org.academy.identity.IdentityService;
import org.academy.identity.OrganisationSummary;
import com.vaadin.flow.component.combobox.ComboBox;
import org.academy.orgreport.CohortReport;
import org.academy.orgreport.LearnerReport;
import org.academy.orgreport.OrganisationReportService;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.academy.security.Role;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * An organisation's attendance and completion: per cohort (learners, average progress, finished,
 * live-session attendance), and per learner in a lazy grid (select a cohort to narrow it), with a
 * CSV export of completion per learner. An organisation's own admin sees their organisation;
 * platform administrators the one named by {@code ?organisation=id} (the Organisations screen links
 * here). The service refuses anyone else's figures whatever the URL says.
 */
@Route("organisation")
@PageTitle("Organisation report · Academy")
@Menu(order = 3, title = "Reports", icon = "vaadin:chart")
@RolesAllowed({Role.Names.ORG_ADMIN, Role.Names.ADMIN})
class OrganisationReportView extends VerticalLayout implements BeforeEnterObserver {

    private final OrganisationReportService reports;
    private final ComboBox<OrganisationSummary> organisation;
    private final IdentityService identity;
    private final Grid<CohortReport> cohorts = new Grid<>();
    private final Grid<LearnerReport> learners = new Grid<>();
    private final TextField search = SearchFields.create("org-search", "Search learners", this::refreshLearners);
    private final Span count = new Span();
    private long organisationId = -1;
    private final Clock clock;

    OrganisationReportView(OrganisationReportService reports, IdentityService identity, Clock clock) {
        this.reports = reports;
        this.clock = clock;
        this.identity = identity;
        addClassName("page");
        setWidthFull();
        organisation = Pickers.lazy("Organisation", (text, page) -> identity.organisations(text, page).stream()
                .map(r -> new OrganisationSummary(r.id(), r.name(), r.active())), OrganisationSummary::name);
        organisation.setId("org-picker");
        organisation.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                show(e.getValue().id());
            }
        });

        cohorts.setId("org-cohorts");
        cohorts.addColumn(CohortReport::cohortName).setHeader("Cohort").setAutoWidth(true);
        cohorts.addColumn(CohortReport::courseTitle).setHeader("Course").setAutoWidth(true);
        cohorts.addColumn(c -> Formats.dateRange(c.startsOn(), c.endsOn())).setHeader("Dates").setAutoWidth(true);
        cohorts.addColumn(CohortReport::learners).setHeader("Learners").setAutoWidth(true);
        cohorts.addColumn(c -> c.averagePercent() + " %").setHeader("Average completion").setAutoWidth(true);
        cohorts.addColumn(c -> c.finished() + " of " + c.learners()).setHeader("Finished").setAutoWidth(true);
        cohorts.addColumn(c -> c.sessionsHeld() == 0 ? "no session held yet" : c.attendancePercent() + " % of "
                + c.sessionsHeld() + (c.sessionsHeld() == 1 ? " session" : " sessions")).setHeader("Attendance").setAutoWidth(true);
        cohorts.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        cohorts.setAllRowsVisible(true);
        cohorts.asSingleSelect().addValueChangeListener(e -> refreshLearners());


        learners.setId("org-learners");
        learners.addColumn(LearnerReport::displayName).setHeader("Learner").setSortProperty("name").setAutoWidth(true);
        learners.addColumn(LearnerReport::email).setHeader("Email").setSortProperty("email").setAutoWidth(true);
        learners.addColumn(LearnerReport::cohortName).setHeader("Cohort").setSortProperty("cohort").setAutoWidth(true);
        learners.addColumn(l -> l.percent() + " % (" + l.completedLessons() + "/" + l.totalLessons() + ")")
                .setHeader("Completion").setSortProperty("progress");
        learners.addColumn(l -> l.sessionsAttended() + " of " + l.sessionsHeld()).setHeader("Sessions attended")
                .setSortProperty("attendance").setAutoWidth(true);
        learners.addColumn(l -> Formats.ago(l.lastActivityAt(), clock.instant())).setHeader("Last activity")
                .setSortProperty("lastActivity").setAutoWidth(true);
        learners.addColumn(l -> l.projectsTotal() == 0 ? "no project" : l.projectsSubmitted() + " submitted, "
                + l.projectsReviewed() + " reviewed of " + l.projectsTotal()).setHeader("Projects").setAutoWidth(true);
        learners.addColumn(l -> l.quizAverage() == null ? "no quiz taken" : l.quizAverage() + " % over "
                + l.quizzesTaken() + (l.quizzesTaken() == 1 ? " quiz" : " quizzes")).setHeader("Quiz average")
                .setAutoWidth(true);
        learners.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        learners.setMultiSort(false);
        learners.setHeight("28em");
        learners.setItems(q -> organisationId < 0 ? java.util.stream.Stream.empty()
                        : reports.learners(organisationId, cohortFilter(), search.getValue(), LazyGrids.paging(q)).stream(),
                q -> organisationId < 0 ? 0 : reports.countLearners(organisationId, cohortFilter(), search.getValue()));

        Anchor export = CsvDownload.anchor("Export completion per learner (CSV)", "completion.csv",
                () -> reports.completionCsv(organisationId));
        export.setId("org-export");
        HorizontalLayout bar = new HorizontalLayout(search, count, export);
        bar.setAlignItems(Alignment.BASELINE);
        add(new H2("Attendance and completion"), organisation, new Paragraph("Attendance and completion in every cohort your "
                + "people attend. Select a cohort to list only its learners."), cohorts, new H3("Learners"), bar, learners);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        AcademyUser me = CurrentUser.require();
        long shown = me.organisationId() == null ? -1 : me.organisationId();
        // Administrators choose the organisation; org admins always get their own.
        organisation.setVisible(me.has(Role.ADMIN));
        if (me.has(Role.ADMIN)) {
            shown = RouteIds.query(event, "organisation").orElse(shown);
            identity.findOrganisation(shown).ifPresentOrElse(organisation::setValue, organisation::clear);
        }
        show(shown);
    }

    private void show(long id) {
        organisationId = id;
        cohorts.setItems(organisationId < 0 ? java.util.List.of() : reports.cohorts(organisationId));
        refreshLearners();
    }

    private Long cohortFilter() {
        return Optional.ofNullable(cohorts.asSingleSelect().getValue()).map(CohortReport::cohortId).orElse(null);
    }

    private void refreshLearners() {
        learners.getDataProvider().refreshAll();
        count.setText(organisationId < 0 ? "" : reports.countLearners(organisationId, cohortFilter(), search.getValue())
                + " learners");
    }
}
