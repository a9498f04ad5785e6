package org.academy.seats.ui;

import java.time.Clock;
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
import com.vaadin.flow.component.html.Anchor;
import org.academy.base.ui.CsvDownload;
import org.academy.base.ui.LazyGrids;
import org.academy.base.ui.SearchFields;
import org.academy.base.ui.LiveUpdates;
import org.academy.base.push.TopicHub;
import org.academy.seats.SeatTopics;
import com.vaadin.flow.shared.Registration;
import org.academy.base.ui.OneTimeLinkDialog;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.upload.Upload;
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
 * holders (a lazy, searchable grid; people who never logged in first), assign by email, revoke,
 * swap, reclaim no-shows from the cohort's start, CSV upload and export, and the audit trail.
 * Platform administrators see the same page for any organisation ({@code ?organisation=id}), and
 * also create pools and enrol the holders of course-wide pools into a cohort.
 */
@Route("seats")
@PageTitle("Seats · Academy")
@Menu(order = 4, title = "Seats", icon = "vaadin:ticket")
@RolesAllowed({Role.Names.ORG_ADMIN, Role.Names.ADMIN})
class SeatsView extends VerticalLayout implements BeforeEnterObserver {

    private final SeatService seats;
    private final BackgroundJobs jobs;
    private final AdminSeatTools adminTools;
    private final TopicHub hub;
    private final org.academy.identity.IdentityService identity;
    private Registration live;
    private final TextField holderSearch = SearchFields.create("seat-holder-search", "Search holders", this::showPool);
    private final Button reclaim = new Button();
    private final Span holderCount = new Span();
    /** What the server accepts, whatever the browser was told. */
    static final int MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
    static final int SHOWN_PROBLEMS = 1_000;
    private String pendingCsv;
    private List<BulkAssignment.LineError> lastProblems = List.of();
    private final Grid<SeatPoolSummary> pools = new Grid<>();
    private final Grid<SeatHolder> holders = new Grid<>();
    private final Grid<SeatAuditEntry> audit = new Grid<>();
    private final EmailField email = new EmailField("Email");
    private final TextField name = new TextField("Name (for new accounts)");
    private final Span selected = new Span("Select a pool.");
    private long organisationId;

    SeatsView(SeatService seats, BackgroundJobs jobs, org.academy.identity.IdentityService identity,
              org.academy.course.CourseService courses, org.academy.cohort.CohortService cohorts, TopicHub hub,
              Clock clock) {
        this.seats = seats;
        this.hub = hub;
        this.identity = identity;
        this.jobs = jobs;
        this.adminTools = new AdminSeatTools(seats, identity, courses, cohorts, clock);
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
        holders.addColumn(SeatHolder::displayName).setHeader("Name").setSortProperty("name").setAutoWidth(true);
        holders.addColumn(SeatHolder::email).setHeader("Email").setSortProperty("email").setAutoWidth(true);
        holders.addColumn(h -> h.invited() ? "invited, no password yet" : h.neverLoggedIn() ? "never logged in" : "active")
                .setHeader("Status")
                .setSortProperty("lastLogin");
        holders.addColumn(h -> Formats.dateTime(h.assignedAt())).setHeader("Assigned").setSortProperty("assigned");
        holders.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        holders.setHeight("24em");
        holders.setMultiSort(false);
        // Lazy: a pool of a thousand seats is fetched a page at a time, sorted and searched in the database.
        holders.setItems(q -> {
            SeatPoolSummary pool = pools.asSingleSelect().getValue();
            return pool == null ? java.util.stream.Stream.empty()
                    : seats.holders(pool.id(), holderSearch.getValue(), LazyGrids.paging(q)).stream();
        }, q -> {
            SeatPoolSummary pool = pools.asSingleSelect().getValue();
            return pool == null ? 0 : seats.countHolders(pool.id(), holderSearch.getValue());
        }).setIdentifierProvider(SeatHolder::assignmentId);

        email.setId("seat-email");
        name.setId("seat-name");
        Button assign = new Button("Assign seat", e -> assign());
        assign.setId("seat-assign");
        assign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        reclaim.addClickListener(e -> reclaim());
        reclaim.setId("seat-reclaim");
        HorizontalLayout form = new HorizontalLayout(email, name, assign, reclaim);
        form.setAlignItems(Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");

        audit.setId("seat-audit");
        audit.addColumn(a -> Formats.dateTime(a.at())).setHeader("When").setAutoWidth(true);
        audit.addColumn(SeatAuditEntry::actorName).setHeader("Who");
        audit.addColumn(SeatAuditEntry::action).setHeader("What");
        audit.addColumn(SeatAuditEntry::subjectEmail).setHeader("Person");
        audit.addColumn(SeatAuditEntry::detail).setHeader("Detail");
        audit.setHeight("18em");
        // Lazy too: the trail only grows.
        audit.setItems(q -> organisationId < 0 ? java.util.stream.Stream.empty()
                        : seats.audit(organisationId, LazyGrids.paging(q)).stream(),
                q -> organisationId < 0 ? 0 : seats.countAudit(organisationId));

        Anchor export = CsvDownload.anchor("Export assignments (CSV)", "seat-assignments.csv",
                () -> seats.assignmentsCsv(organisationId));
        export.setId("seat-export");
        Anchor links = CsvDownload.anchor("New invitation links for invited holders (CSV)", "invitation-links.csv", () -> {
            SeatPoolSummary pool = pools.asSingleSelect().getValue();
            org.academy.base.Csv csv = new org.academy.base.Csv().row("email", "name", "link");
            if (pool != null) {
                seats.renewInvitations(pool.id()).forEach(l -> csv.row(l.email(), l.displayName(),
                        org.academy.base.ui.Links.absolute("invitation/" + l.token())));
            }
            return csv.toString();
        });
        links.setId("seat-invitation-links");
        HorizontalLayout holderBar = new HorizontalLayout(holderSearch, holderCount, export, links);
        holderBar.setAlignItems(Alignment.BASELINE);
        add(new H2("Seats"), adminTools.organisationPicker(this::organisationChosen), pools,
                adminTools.poolActions(() -> organisationId, () -> pools.asSingleSelect().getValue(), this::refresh),
                selected, form, holderBar, holders, bulkUpload(), new H3("Audit log"), audit);
    }

    private void organisationChosen(long id) {
        organisationId = id;
        pools.asSingleSelect().clear();
        listen();
        refresh();
    }

    /** Another admin's change (or a bulk upload's lines) shows here within moments, without a reload. */
    private void listen() {
        if (live != null) {
            live.remove();
            live = null;
        }
        if (organisationId >= 0) {
            live = LiveUpdates.bind(this, hub, SeatTopics.organisation(organisationId), changes -> refresh());
        }
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
        progress.getElement().setAttribute("aria-label", "Upload progress");
        progress.setVisible(false);
        Grid<BulkAssignment.LineError> errors = new Grid<>();
        errors.setId("bulk-errors");
        errors.addColumn(BulkAssignment.LineError::line).setHeader("Line").setAutoWidth(true).setFlexGrow(0);
        errors.addColumn(BulkAssignment.LineError::message).setHeader("Problem");
        // A fixed height and a lazy provider: the browser gets the rows it shows, not 120,000 at once.
        errors.setHeight("18em");
        errors.setVisible(false);
        Span outcome = new Span();
        outcome.setId("bulk-outcome");
        Span shownProblems = new Span();
        shownProblems.setId("bulk-problems-shown");
        Anchor allProblems = CsvDownload.anchor("Download every problem (CSV)", "upload-problems.csv", () -> {
            org.academy.base.Csv out = new org.academy.base.Csv().row("line", "problem");
            lastProblems.forEach(p -> out.row(p.line(), p.message()));
            return out.toString();
        });
        allProblems.setId("bulk-problems-download");
        allProblems.setVisible(false);

        Upload upload = new Upload(new BoundedUpload(MAX_UPLOAD_BYTES, (fileName, bytes) -> {
            pendingCsv = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            file.setText(fileName + " · " + bytes.length + " bytes, ready to apply.");
            apply.setEnabled(true);
        }, refusal -> {
            pendingCsv = null;
            file.setText(refusal);
            apply.setEnabled(false);
        }));
        upload.setId("bulk-upload");
        upload.setAcceptedFileTypes("text/csv", ".csv");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_UPLOAD_BYTES);

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
                        showProblems(result.errors(), errors, shownProblems, allProblems);
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
                outcome, shownProblems, allProblems, errors);
        box.setPadding(false);
        return box;
    }

    /**
     * The first {@value #SHOWN_PROBLEMS} problems in a lazy grid, the count, and every problem as a
     * CSV: a file of 120,000 bad lines must neither freeze the browser nor hide what was wrong.
     */
    private void showProblems(List<BulkAssignment.LineError> all, Grid<BulkAssignment.LineError> grid, Span shown,
                              Anchor download) {
        lastProblems = all;
        List<BulkAssignment.LineError> first = all.subList(0, Math.min(all.size(), SHOWN_PROBLEMS));
        grid.setItems(com.vaadin.flow.data.provider.DataProvider.fromCallbacks(
                q -> first.stream().skip(q.getOffset()).limit(q.getLimit()), q -> first.size()));
        grid.setVisible(!all.isEmpty());
        shown.setText(all.size() > SHOWN_PROBLEMS
                ? "Showing the first " + SHOWN_PROBLEMS + " of " + all.size() + " problems; download them all below."
                : "");
        shown.setVisible(all.size() > SHOWN_PROBLEMS);
        download.setVisible(!all.isEmpty());
    }

    /** On every navigation here, not only on attach: the route instance is reused within a tab. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        AcademyUser me = CurrentUser.require();
        organisationId = me.organisationId() == null ? -1 : me.organisationId();
        if (me.has(Role.ADMIN)) {
            // Administrators pick the organisation; the service still decides what they may see.
            organisationId = org.academy.base.ui.RouteIds.query(event, "organisation").orElse(organisationId);
            adminTools.showOrganisation(organisationId);
        }
        listen();
        refresh();
    }


    private void refresh() {
        SeatPoolSummary current = pools.asSingleSelect().getValue();
        if (organisationId < 0) {
            pools.setItems(List.of());
            showPool();
            audit.getDataProvider().refreshAll();
            return;
        }
        List<SeatPoolSummary> list = seats.pools(organisationId);
        pools.setItems(list);
        // Keep the selection across refreshes, by id (the records are new each time).
        list.stream().filter(p -> current != null && p.id() == current.id()).findFirst()
                .ifPresent(p -> pools.asSingleSelect().setValue(p));
        showPool();
        audit.getDataProvider().refreshAll();
    }

    private void showPool() {
        SeatPoolSummary pool = pools.asSingleSelect().getValue();
        holders.getDataProvider().refreshAll();
        selected.setText(pool == null ? "Select a pool." : "Pool " + pool.id() + ": " + pool.free() + " of " + pool.bought() + " free");
        holderCount.setText(pool == null ? "" : seats.countHolders(pool.id(), holderSearch.getValue()) + " holders");
        SeatService.NoShows noShows = pool == null ? null : seats.noShows(pool.id());
        // Listed first in the grid, and one click here, once the cohort has started.
        reclaim.setText(noShows == null ? "Reclaim no-shows" : "Reclaim " + noShows.count() + " no-show"
                + (noShows.count() == 1 ? "" : "s") + (noShows.reclaimable() ? "" : " (from " + Formats.date(noShows.from()) + ")"));
        reclaim.setEnabled(noShows != null && noShows.reclaimable() && noShows.count() > 0);
    }

    private HorizontalLayout actions(SeatHolder holder) {
        Button revoke = new Button("Revoke", e -> confirm("Revoke " + holder.email() + "'s seat?",
                "They lose access; their history is kept.", () -> seats.revoke(holder.assignmentId())));
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        Button swap = new Button("Swap to the email above", e -> confirm("Give " + holder.email() + "'s seat to "
                + email.getValue() + "?", "Progress is not carried to a different person.",
                () -> seats.swap(holder.assignmentId(), email.getValue(), name.getValue())));
        swap.addThemeVariants(ButtonVariant.LUMO_SMALL);
        HorizontalLayout actions = new HorizontalLayout(revoke, swap);
        if (holder.invited()) {
            // People invited by CSV never saw a link; anyone may have lost theirs.
            Button link = new Button("Invitation link", e -> OneTimeLinkDialog.open("New invitation link",
                    "Send this link to " + holder.email() + ". It works once, for 14 days; earlier links stop working.",
                    "invitation/" + identity.inviteAgain(holder.userId())));
            link.addThemeVariants(ButtonVariant.LUMO_SMALL);
            actions.add(link);
        }
        return actions;
    }

    private void assign() {
        SeatPoolSummary pool = pools.asSingleSelect().getValue();
        if (pool == null) {
            Notification.show("Select a pool first.");
            return;
        }
        var result = seats.assign(pool.id(), email.getValue(), name.getValue());
        if (result.invitation() != null) {
            OneTimeLinkDialog.open("Seat assigned, invitation created", result.holder().email()
                    + " had no account. Send them this link to choose a password; it works once, for 14 days.",
                    "invitation/" + result.invitation());
        } else {
            Notification.show("Seat assigned to " + result.holder().email() + ".");
        }
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
        confirm("Reclaim seats?", "Seats of people who never logged in by the cohort's start are freed.", () -> {
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
