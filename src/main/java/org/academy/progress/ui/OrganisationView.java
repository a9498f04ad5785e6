package org.academy.progress.ui;

import java.time.Instant;

import org.academy.base.ui.Formats;
import org.academy.progress.OrganisationLearner;
import org.academy.progress.ProgressService;
import org.academy.security.Role;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** An organisation's own admin: their people's progress in every cohort. Seat management comes later. */
@Route("organisation")
@PageTitle("Organisation · Academy")
@Menu(order = 3, title = "Organisation", icon = "vaadin:building")
@RolesAllowed(Role.Names.ORG_ADMIN)
class OrganisationView extends VerticalLayout implements BeforeEnterObserver {

    private final ProgressService progress;
    private final Grid<OrganisationLearner> grid = new Grid<>();

    OrganisationView(ProgressService progress) {
        this.progress = progress;
        addClassName("page");
        setSizeFull();
        grid.setId("organisation-grid");
        grid.addColumn(OrganisationLearner::displayName).setHeader("Learner").setAutoWidth(true).setSortable(true);
        grid.addColumn(OrganisationLearner::email).setHeader("Email").setAutoWidth(true);
        grid.addColumn(OrganisationLearner::cohortName).setHeader("Cohort").setAutoWidth(true);
        grid.addColumn(l -> l.percent() + " %").setHeader("Progress").setSortable(true)
                .setComparator(OrganisationLearner::percent);
        grid.addColumn(l -> Formats.ago(l.lastActivityAt(), Instant.now())).setHeader("Last activity");
        add(new H2("Your organisation's learners"),
                new Paragraph("Progress of everyone from your organisation, in every cohort they attend."), grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        grid.setItems(progress.organisationLearners());
    }
}
