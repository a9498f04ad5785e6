package org.academy.identity.ui;

import org.academy.base.ui.Formats;
import org.academy.base.ui.LazyGrids;
import org.academy.base.ui.SearchFields;
import org.academy.identity.IdentityService;
import org.academy.identity.OrganisationRow;
import org.academy.security.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * Platform administrators manage the B2B customers: create, rename, deactivate (their people can
 * no longer log in) and activate again; their seat pools are one click away on the Seats page.
 */
@Route("admin/organisations")
@PageTitle("Organisations · Academy")
@Menu(order = 6, title = "Organisations", icon = "vaadin:building")
@RolesAllowed(Role.Names.ADMIN)
class OrganisationsView extends VerticalLayout {

    private final IdentityService identity;
    private final Grid<OrganisationRow> grid = new Grid<>();
    private final TextField search = SearchFields.create("organisations-search", "Search organisations",
            () -> grid.getDataProvider().refreshAll());
    private final Button rename = new Button("Rename…", VaadinIcon.EDIT.create());
    private final Button activation = new Button("Deactivate…");
    private final Button seats = new Button("Seat pools", VaadinIcon.TICKET.create());
    private final Button report = new Button("Attendance and completion", VaadinIcon.CHART.create());

    OrganisationsView(IdentityService identity) {
        this.identity = identity;
        addClassName("page");
        setSizeFull();


        grid.setId("organisations-grid");
        grid.addColumn(OrganisationRow::name).setHeader("Name").setSortProperty("name").setAutoWidth(true);
        grid.addColumn(OrganisationRow::people).setHeader("People").setSortProperty("people");
        grid.addColumn(o -> o.active() ? "Active" : "Deactivated").setHeader("Status").setSortProperty("active");
        grid.addColumn(o -> Formats.date(o.createdAt().atZone(java.time.ZoneOffset.UTC).toLocalDate()))
                .setHeader("Customer since").setSortProperty("created");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setItems(q -> identity.organisations(search.getValue(), LazyGrids.paging(q)).stream(),
                q -> identity.countOrganisations(search.getValue()))
                .setIdentifierProvider(OrganisationRow::id);
        grid.asSingleSelect().addValueChangeListener(e -> updateActions());

        Button create = new Button("New organisation…", VaadinIcon.PLUS.create(), e -> edit(null));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        rename.addClickListener(e -> edit(grid.asSingleSelect().getValue()));
        activation.setId("organisation-activation");
        activation.addClickListener(e -> toggleActive(grid.asSingleSelect().getValue()));
        seats.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate("seats",
                QueryParameters.of("organisation", Long.toString(grid.asSingleSelect().getValue().id())))));
        report.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate("organisation",
                QueryParameters.of("organisation", Long.toString(grid.asSingleSelect().getValue().id())))));
        updateActions();
        add(new H2("Organisations"), search, new HorizontalLayout(create, rename, activation, seats, report), grid);
        setFlexGrow(1, grid);
    }

    private void updateActions() {
        OrganisationRow o = grid.asSingleSelect().getValue();
        rename.setEnabled(o != null);
        seats.setEnabled(o != null);
        report.setEnabled(o != null);
        activation.setEnabled(o != null);
        activation.setText(o != null && !o.active() ? "Activate" : "Deactivate…");
    }

    private void edit(OrganisationRow existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "New organisation" : "Rename " + existing.name());
        TextField name = new TextField("Name");
        name.setId("organisation-name");
        name.setWidth("24em");
        if (existing != null) {
            name.setValue(existing.name());
        }
        Button save = new Button("Save", e -> {
            if (existing == null) {
                identity.createOrganisation(name.getValue());
            } else {
                identity.renameOrganisation(existing.id(), name.getValue());
            }
            dialog.close();
            Notification.show("Saved " + name.getValue().strip() + ".");
            grid.getDataProvider().refreshAll();
        });
        save.setId("organisation-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(name);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void toggleActive(OrganisationRow o) {
        if (!o.active()) {
            identity.setOrganisationActive(o.id(), true);
            Notification.show(o.name() + " is active again; its people can log in.");
            grid.getDataProvider().refreshAll();
            grid.deselectAll();
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog("Deactivate " + o.name() + "?",
                "Its " + o.people() + " people can no longer log in. Nothing is deleted; you can activate it again.",
                "Deactivate", e -> {
                    identity.setOrganisationActive(o.id(), false);
                    grid.getDataProvider().refreshAll();
                    grid.deselectAll();
                });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }
}
