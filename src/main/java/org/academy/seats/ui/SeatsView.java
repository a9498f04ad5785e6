package org.academy.seats.ui;

import java.util.List;

import org.academy.base.BackgroundJobs;
import org.academy.base.ui.Formats;
import org.academy.seats.BulkAssignment;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.academy.security.Role;
import org.academy.seats.SeatAuditEntry;
import org.academy.seats.SeatHolder;
import org.academy.seats.SeatPoolSummary;
import org.academy.seats.SeatService;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * An organisation's own admin manages the seats it bought: pools with bought/assigned/free,
 * holders (people who never logged in first), assign by email, revoke, swap, reclaim no-shows,
 * and the audit trail.
 */
@Route("seats")
@PageTitle("Seats · Academy")
@Menu(order = 4, title = "Seats", icon = "vaadin:ticket")
@RolesAllowed(Role.Names.ORG_ADMIN)
class SeatsView extends VerticalLayout implements BeforeEnterObserver {

    private final SeatService seats;
    private final BackgroundJobs jobs;
    private String pendingCsv;
    private final Grid<SeatPoolSummary> pools = new Grid<>();
    private final Grid<SeatHolder> holders = new Grid<>();
    private final Grid<SeatAuditEntry> audit = new Grid<>();
    private final EmailField email = new EmailField("Email");
    private final TextField name = new TextField("Name (for new accounts)");
    private final Span selected = new Span("Select a pool.");
    private long organisationId;

    SeatsView(SeatService seats, BackgroundJobs jobs) {
        this.seats = seats;
        this.jobs = jobs;
        addClassName("page");
        setWidthFull();

        pools.setId("seat-pools");
        pools.addColumn(SeatPoolSummary::id).setHeader("Pool").setAutoWidth(true);
        pools.addColumn(SeatPoolSummary::bought).setHeader("Bought");
        pools.addColumn(SeatPoolSummary::assigned).setHeader("Assigned");
        pools.addColumn(SeatPoolSummary::free).setHeader("Free");
        pools.addColumn(p -> Formats.date(p.validFrom()) + " – " + Formats.date(p.validUntil()) + (p.expiring() ? " · expiring" : ""))
                .setHeader("Valid").setAutoWidth(true);
        pools.setAllRowsVisible(true);
        pools.asSingleSelect().addValueChangeListener(e -> showPool());

        holders.setId("seat-holders");
        holders.addColumn(SeatHolder::displayName).setHeader("Name").setAutoWidth(true);
        holders.addColumn(SeatHolder::email).setHeader("Email").setAutoWidth(true);
        holders.addColumn(h -> h.neverLoggedIn() ? "never logged in" : "active").setHeader("Status");
        holders.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        holders.setAllRowsVisible(true);

        email.setId("seat-email");
        name.setId("seat-name");
        Button assign = new Button("Assign seat", e -> assign());
        assign.setId("seat-assign");
        assign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button reclaim = new Button("Reclaim seats of people who never logged in", e -> reclaim());
        reclaim.setId("seat-reclaim");
        HorizontalLayout form = new HorizontalLayout(email, name, assign, reclaim);
        form.setAlignItems(Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");

        audit.setId("seat-audit");
        audit.addColumn(a -> Formats.clock(a.at())).setHeader("When");
        audit.addColumn(SeatAuditEntry::actorName).setHeader("Who");
        audit.addColumn(SeatAuditEntry::action).setHeader("What");
        audit.addColumn(SeatAuditEntry::subjectEmail).setHeader("Person");
        audit.addColumn(SeatAuditEntry::detail).setHeader("Detail");
        audit.setHeight("18em");

        add(new H2("Seats"), pools, selected, form, holders, bulkUpload(), new H3("Audit log"), audit);
    }

    private VerticalLayout bulkUpload() {
        RadioButtonGroup<BulkAssignment.Mode> mode = new RadioButtonGroup<>();
        mode.setId("bulk-mode");
        mode.setItems(BulkAssignment.Mode.values());
        mode.setItemLabelGenerator(m -> m == BulkAssignment.Mode.ALL_OR_NOTHING
                ? "Apply only if every line is good" : "Apply the good lines, report the rest");
        mode.setValue(BulkAssignment.Mode.ALL_OR_NOTHING);
        Span file = new Span("CSV with columns email,name,pool (pool = the pool number above).");
        Button apply = new Button("Apply upload");
        apply.setId("bulk-apply");
        apply.setEnabled(false);
        ProgressBar progress = new ProgressBar();
        progress.setId("bulk-progress");
        progress.setVisible(false);
        Grid<BulkAssignment.LineError> errors = new Grid<>();
        errors.setId("bulk-errors");
        errors.addColumn(BulkAssignment.LineError::line).setHeader("Line").setAutoWidth(true).setFlexGrow(0);
        errors.addColumn(BulkAssignment.LineError::message).setHeader("Problem");
        errors.setAllRowsVisible(true);
        errors.setVisible(false);
        Span outcome = new Span();
        outcome.setId("bulk-outcome");

        Upload upload = new Upload(UploadHandler.inMemory((meta, bytes) -> getUI().ifPresent(ui -> ui.access(() -> {
            pendingCsv = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            file.setText(meta.fileName() + " · " + bytes.length + " bytes, ready to apply.");
            apply.setEnabled(true);
        }))));
        upload.setId("bulk-upload");
        upload.setAcceptedFileTypes("text/csv", ".csv");
        upload.setMaxFileSize(2 * 1024 * 1024);

        apply.addClickListener(e -> {
            String csv = pendingCsv;
            BulkAssignment.Mode chosen = mode.getValue();
            apply.setEnabled(false);
            progress.setVisible(true);
            progress.setIndeterminate(true);
            UI ui = e.getSource().getUI().orElseThrow();
            long org = organisationId;
            // Off the request thread: the screen stays responsive and the bar moves by push.
            jobs.submit(() -> {
                try {
                    BulkAssignment result = seats.bulkAssign(org, csv, chosen, (done, total) -> ui.access(() -> {
                        progress.setIndeterminate(false);
                        progress.setValue(total == 0 ? 1 : done / (double) total);
                    }));
                    ui.access(() -> {
                        progress.setVisible(false);
                        errors.setItems(result.errors());
                        errors.setVisible(!result.errors().isEmpty());
                        outcome.setText(result.applied() + " of " + result.rows() + " lines applied"
                                + (result.errors().isEmpty() ? "." : "; " + result.errors().size() + " with problems."));
                        refresh();
                    });
                } catch (RuntimeException failed) {
                    ui.access(() -> {
                        progress.setVisible(false);
                        outcome.setText(failed instanceof org.academy.base.InvalidRequestException
                                ? failed.getMessage() : "The upload could not be applied; nothing was changed.");
                        apply.setEnabled(true);
                    });
                }
            });
        });
        VerticalLayout box = new VerticalLayout(new H3("Assign from a CSV file"), upload, file, mode, apply, progress,
                outcome, errors);
        box.setPadding(false);
        return box;
    }

    /** On every navigation here, not only on attach: the route instance is reused within a tab. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        AcademyUser me = CurrentUser.require();
        organisationId = me.organisationId() == null ? -1 : me.organisationId();
        refresh();
    }

    private void refresh() {
        SeatPoolSummary current = pools.asSingleSelect().getValue();
        List<SeatPoolSummary> list = seats.pools(organisationId);
        pools.setItems(list);
        // Keep the selection across refreshes, by id (the records are new each time).
        list.stream().filter(p -> current != null && p.id() == current.id()).findFirst()
                .ifPresent(p -> pools.asSingleSelect().setValue(p));
        showPool();
        audit.setItems(seats.audit(organisationId, 200));
    }

    private void showPool() {
        SeatPoolSummary pool = pools.asSingleSelect().getValue();
        holders.setItems(pool == null ? List.of() : seats.holders(pool.id(), "", org.academy.base.Paging.first(500)));
        selected.setText(pool == null ? "Select a pool." : "Pool " + pool.id() + ": " + pool.free() + " of " + pool.bought() + " free");
    }

    private HorizontalLayout actions(SeatHolder holder) {
        Button revoke = new Button("Revoke", e -> confirm("Revoke " + holder.email() + "'s seat?",
                "They lose access; their history is kept.", () -> seats.revoke(holder.assignmentId())));
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        Button swap = new Button("Swap to the email above", e -> confirm("Give " + holder.email() + "'s seat to "
                + email.getValue() + "?", "Progress is not carried to a different person.",
                () -> seats.swap(holder.assignmentId(), email.getValue(), name.getValue())));
        swap.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return new HorizontalLayout(revoke, swap);
    }

    private void assign() {
        SeatPoolSummary pool = pools.asSingleSelect().getValue();
        if (pool == null) {
            Notification.show("Select a pool first.");
            return;
        }
        var result = seats.assign(pool.id(), email.getValue(), name.getValue());
        Notification.show(result.invitation() != null
                ? "Seat assigned; an invitation was created for " + result.holder().email() + "."
                : "Seat assigned to " + result.holder().email() + ".");
        email.clear();
        name.clear();
        refresh();
    }

    private void reclaim() {
        SeatPoolSummary pool = pools.asSingleSelect().getValue();
        if (pool == null) {
            Notification.show("Select a pool first.");
            return;
        }
        confirm("Reclaim seats?", "Seats of people who never logged in are freed.", () -> {
            int n = seats.reclaimNoShows(pool.id());
            Notification.show(n + (n == 1 ? " seat" : " seats") + " reclaimed.");
        });
    }

    private void confirm(String header, String text, Runnable action) {
        ConfirmDialog dialog = new ConfirmDialog(header, text, "Confirm", e -> {
            action.run();
            refresh();
        });
        dialog.setCancelable(true);
        dialog.open();
    }
}
