package org.academy.identity.ui;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import org.academy.base.ui.Pickers;
import org.academy.base.ui.Formats;
import org.academy.base.ui.LazyGrids;
import org.academy.base.ui.SearchFields;
import org.academy.base.ui.OneTimeLinkDialog;
import org.academy.identity.AdminAuditEntry;
import org.academy.identity.IdentityService;
import org.academy.identity.OrganisationRow;
import org.academy.identity.PeopleFilter;
import org.academy.identity.PersonRow;
import org.academy.security.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dataview.GridLazyDataView;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * Platform administrators find people among everyone on the platform (searched, filtered, sorted
 * and paged in the database), deactivate them, change their roles, reset their password with a
 * one-time link, and invite new people.
 */
@Route("admin/people")
@PageTitle("People · Academy")
@Menu(order = 7, title = "People", icon = "vaadin:users")
@RolesAllowed(Role.Names.ADMIN)
class PeopleView extends VerticalLayout {

    private final IdentityService identity;
    private final Clock clock;
    private final Grid<PersonRow> grid = new Grid<>();
    private final GridLazyDataView<PersonRow> rows;
    private final TextField search = SearchFields.create("people-search", "Search name or email", this::refresh);
    private final Select<Role> role = new Select<>();
    private final Select<String> status = new Select<>();
    private final Button activation = new Button();
    private final Button roles = new Button("Roles…", VaadinIcon.KEY.create());
    private final Button reset = new Button("Reset password…", VaadinIcon.LOCK.create());
    private final Button history = new Button("History", VaadinIcon.TIME_BACKWARD.create());
    private final Span count = new Span();

    PeopleView(IdentityService identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
        addClassName("page");
        setSizeFull();

        role.setLabel("Role");
        role.setItems(Role.values());
        role.setEmptySelectionAllowed(true);
        role.setEmptySelectionCaption("Any role");
        status.setLabel("Status");
        status.setItems("Any", "Active", "Deactivated");
        status.setValue("Any");
        role.addValueChangeListener(e -> refresh());
        status.addValueChangeListener(e -> refresh());

        grid.setId("people-grid");
        grid.addColumn(PersonRow::displayName).setHeader("Name").setSortProperty("name").setAutoWidth(true);
        grid.addColumn(PersonRow::email).setHeader("Email").setSortProperty("email").setAutoWidth(true);
        grid.addColumn(p -> p.organisationName() == null ? "—" : p.organisationName()).setHeader("Organisation")
                .setSortProperty("organisation").setAutoWidth(true);
        grid.addColumn(p -> p.roles().stream().map(PeopleView::label).sorted().reduce((a, b) -> a + ", " + b).orElse(""))
                .setHeader("Roles").setAutoWidth(true);
        grid.addColumn(PeopleView::statusOf).setHeader("Status").setSortProperty("active");
        grid.addColumn(p -> p.lastLoginAt() == null ? "never" : Formats.ago(p.lastLoginAt(), clock.instant()))
                .setHeader("Last login").setSortProperty("lastLogin");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setMultiSort(false);
        rows = grid.setItems(query -> identity.people(filter(), LazyGrids.paging(query)).stream(),
                query -> identity.countPeople(filter()));
        // Rows are records; the id keeps the selection when a refresh brings a changed record.
        rows.setIdentifierProvider(PersonRow::id);
        grid.asSingleSelect().addValueChangeListener(e -> updateActions());

        activation.setId("people-activation");
        activation.addClickListener(e -> toggleActive());
        roles.addClickListener(e -> editRoles());
        reset.setId("people-reset");
        reset.addClickListener(e -> confirmReset());
        history.setId("people-history");
        history.addClickListener(e -> showHistory());
        Button invite = new Button("Invite person…", VaadinIcon.PLUS.create(), e -> invite());
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        updateActions();

        HorizontalLayout filters = new HorizontalLayout(search, role, status, count);
        filters.setAlignItems(Alignment.BASELINE);
        add(new H2("People"), filters, new HorizontalLayout(invite, activation, roles, reset, history), grid);
        setFlexGrow(1, grid);
    }

    private PeopleFilter filter() {
        Boolean active = switch (status.getValue() == null ? "Any" : status.getValue()) {
            case "Active" -> true;
            case "Deactivated" -> false;
            default -> null;
        };
        return new PeopleFilter(search.getValue(), null, role.getValue(), active);
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
        count.setText(identity.countPeople(filter()) + " people");
    }

    private PersonRow selected() {
        return grid.asSingleSelect().getValue();
    }

    private void updateActions() {
        PersonRow p = selected();
        activation.setText(p != null && !p.active() ? "Activate" : "Deactivate");
        activation.setEnabled(p != null);
        roles.setEnabled(p != null);
        reset.setEnabled(p != null && p.active());
        history.setEnabled(p != null);
        if (count.getText().isEmpty()) {
            count.setText(identity.countPeople(filter()) + " people");
        }
    }

    private void toggleActive() {
        PersonRow p = selected();
        identity.setActive(p.id(), !p.active());
        Notification.show(p.displayName() + (p.active() ? " can no longer log in." : " can log in again."));
        afterChange(p);
    }

    private void afterChange(PersonRow p) {
        grid.getDataProvider().refreshAll();
        // The refreshed row replaces the old record; keep it selected and the buttons in step.
        grid.deselectAll();
        identity.personRow(p.id()).ifPresent(grid::select);
        updateActions();
    }

    private void editRoles() {
        PersonRow p = selected();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Roles of " + p.displayName());
        CheckboxGroup<Role> choice = new CheckboxGroup<>();
        choice.setItems(Role.values());
        choice.setItemLabelGenerator(PeopleView::label);
        choice.setValue(p.roles());
        Button save = new Button("Save", e -> {
            identity.setRoles(p.id(), choice.getValue());
            dialog.close();
            Notification.show("Roles of " + p.displayName() + " saved.");
            afterChange(p);
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(choice);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void showHistory() {
        PersonRow p = selected();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Changes to " + p.displayName());
        Grid<AdminAuditEntry> entries = new Grid<>();
        entries.setId("people-history-grid");
        entries.addColumn(a -> Formats.dateTime(a.at())).setHeader("When").setAutoWidth(true);
        entries.addColumn(AdminAuditEntry::actorName).setHeader("Who").setAutoWidth(true);
        entries.addColumn(AdminAuditEntry::action).setHeader("What").setAutoWidth(true);
        entries.addColumn(AdminAuditEntry::detail).setHeader("Detail").setAutoWidth(true);
        entries.setItems(identity.history(p.id()));
        entries.setWidth("48em");
        entries.setAllRowsVisible(true);
        dialog.add(entries);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
    }

    private void confirmReset() {
        PersonRow p = selected();
        ConfirmDialog confirm = new ConfirmDialog("Reset the password of " + p.displayName() + "?",
                "Their current password stops working now. You get a one-time link, valid 24 hours, "
                        + "with which they choose a new one.", "Reset", e -> {
                    var token = identity.resetPassword(p.id());
                    OneTimeLinkDialog.open("Password reset", "Send this link to " + p.email()
                            + ". It works once, for 24 hours.", "invitation/" + token);
                    afterChange(p);
                });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private void invite() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Invite a person");
        ComboBox<OrganisationRow> organisation = Pickers.lazy("Organisation (none for staff)",
                (text, page) -> identity.organisations(text, page).stream(), OrganisationRow::name);
        EmailField email = new EmailField("Email");
        TextField name = new TextField("Name");
        CheckboxGroup<Role> choice = new CheckboxGroup<>("Roles");
        choice.setItems(Role.values());
        choice.setItemLabelGenerator(PeopleView::label);
        choice.setValue(EnumSet.of(Role.STUDENT));
        Button create = new Button("Invite", e -> {
            OrganisationRow org = organisation.getValue();
            Set<Role> chosen = choice.getValue();
            var invitee = identity.createInvited(org == null ? null : org.id(), email.getValue(), name.getValue(), chosen);
            dialog.close();
            refresh();
            OneTimeLinkDialog.open("Invitation created", "Send this link to " + invitee.person().email()
                    + ". With it they choose a password; it works once, for 14 days.", "invitation/" + invitee.invitation());
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(organisation, email, name, choice));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
        dialog.open();
    }

    private static String statusOf(PersonRow p) {
        if (!p.active()) {
            return "Deactivated";
        }
        return p.invited() ? "Invited" : "Active";
    }

    static String label(Role role) {
        return switch (role) {
            case STUDENT -> "Learner";
            case INSTRUCTOR -> "Instructor";
            case ADMIN -> "Administrator";
            case ORG_ADMIN -> "Org admin";
        };
    }
}
