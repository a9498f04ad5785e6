package org.academy.progress.ui;

import org.academy.base.ui.Formats;
import org.academy.progress.CohortOverview;
import org.academy.progress.ProgressService;
import org.academy.security.Role;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.RolesAllowed;

/** The cohorts an instructor teaches (all of them, for administrators), with headline figures. */
@Route("cohorts")
@PageTitle("Cohorts · Academy")
@Menu(order = 2, title = "Cohorts", icon = "vaadin:group")
@RolesAllowed({Role.Names.INSTRUCTOR, Role.Names.ADMIN})
class CohortsView extends VerticalLayout implements BeforeEnterObserver {

    private final ProgressService progress;
    private final Grid<CohortOverview> grid = new Grid<>();

    CohortsView(ProgressService progress) {
        this.progress = progress;
        addClassName("page");
        setSizeFull();
        // A link, not only a clickable row: rows do not look clickable, and links work from the keyboard.
        grid.addComponentColumn(o -> {
            com.vaadin.flow.component.html.Anchor link = new com.vaadin.flow.component.html.Anchor(
                    "cohorts/" + o.cohort().id(), o.cohort().name());
            link.setId("cohort-link-" + o.cohort().id());
            return link;
        }).setHeader("Cohort").setAutoWidth(true);
        grid.addColumn(o -> o.cohort().courseTitle()).setHeader("Course").setAutoWidth(true);
        grid.addColumn(o -> Formats.dateRange(o.cohort().startsOn(), o.cohort().endsOn())).setHeader("Dates").setAutoWidth(true);
        grid.addColumn(o -> o.cohort().learnerCount()).setHeader("Learners");
        grid.addColumn(o -> o.averagePercent() + " %").setHeader("Average progress");
        grid.addColumn(CohortOverview::finishedCount).setHeader("Finished");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(CohortDashboardView.class,
                new RouteParameters("cohortId", Long.toString(e.getItem().cohort().id())))));
        add(new H2("Cohorts"), grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        grid.setItems(progress.staffOverview());
    }
}
