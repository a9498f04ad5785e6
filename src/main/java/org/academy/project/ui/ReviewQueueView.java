package org.academy.project.ui;

import java.util.List;
import java.util.OptionalLong;

import org.academy.base.NotFoundException;
import org.academy.base.push.TopicHub;
import org.academy.base.ui.Formats;
import org.academy.base.ui.LiveUpdates;
import org.academy.base.ui.RouteIds;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.project.ProjectChanged;
import org.academy.project.ProjectService;
import org.academy.project.ProjectTopics;
import org.academy.project.QueueEntry;
import org.academy.project.ReviewCounts;
import org.academy.project.Submission;
import org.academy.project.SubmissionStatus;
import org.academy.security.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.markdown.Markdown;
import org.academy.course.LessonMarkdown;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;

/**
 * A cohort's project review queue: waiting submissions oldest first, reviewed ones newest first,
 * counts and list kept live by push. Picking one shows every version and, while it waits, the
 * feedback form; feedback typed there survives pushes (only the versions are redrawn).
 */
@Route("cohorts/:cohortId/reviews")
@RolesAllowed({Role.Names.INSTRUCTOR, Role.Names.ADMIN})
class ReviewQueueView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ProjectService projects;
    private final CohortService cohorts;
    private final TopicHub hub;
    private final H2 heading = new H2();
    private final Tab waitingTab = new Tab();
    private final Tab reviewedTab = new Tab();
    private final Tabs tabs = new Tabs(waitingTab, reviewedTab);
    private final Grid<QueueEntry> grid = new Grid<>();
    private final VerticalLayout detail = new VerticalLayout();
    private final VerticalLayout versions = new VerticalLayout();
    private final H3 detailHeading = new H3();
    private final Span detailStatus = new Span();
    private final TextArea feedback = new TextArea("Feedback (markdown)");
    private final Markdown feedbackPreview = new Markdown();
    private final TextField grade = new TextField("Grade");
    private final Button send = new Button("Send feedback with grade");
    private final Button anotherPass = new Button("Needs another pass");
    private final VerticalLayout form = new VerticalLayout();
    private long cohortId;
    private Submission selected;
    /**
     * The version the reviewer opened: a push may show a newer one meanwhile, and feedback written
     * for the opened version must be refused (the service says so), never filed under the newer.
     */
    private int openedVersion;
    private Registration live;
    private String title = "Reviews · Academy";

    ReviewQueueView(ProjectService projects, CohortService cohorts, TopicHub hub) {
        this.projects = projects;
        this.cohorts = cohorts;
        this.hub = hub;
        addClassName("page");
        setWidthFull();
        waitingTab.setId("reviews-waiting-tab");
        // vaadin-tabs makes its scroll container focusable, which puts a non-tab in the tablist for
        // screen readers (axe: aria-required-children, critical); the tabs themselves take the focus.
        tabs.addAttachListener(e -> tabs.getElement().executeJs("""
                const strip = this.shadowRoot && this.shadowRoot.querySelector('[tabindex]:not(slot)');
                if (strip && strip.getAttribute('role') !== 'tab') { strip.removeAttribute('tabindex'); }
                """));
        reviewedTab.setId("reviews-reviewed-tab");
        tabs.addSelectedChangeListener(e -> reloadList());
        grid.setId("reviews-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(QueueEntry::learnerName).setHeader("Learner").setAutoWidth(true);
        grid.addColumn(QueueEntry::lessonTitle).setHeader("Lesson").setAutoWidth(true);
        grid.addColumn(QueueEntry::latestVersion).setHeader("Version").setWidth("7em").setFlexGrow(0);
        grid.addColumn(q -> Formats.dateTime(q.status() == SubmissionStatus.WAITING ? q.waitingSince() : q.reviewedAt()))
                .setHeader("Since").setAutoWidth(true);
        grid.addColumn(q -> switch (q.status()) {
            case WAITING -> "Waiting";
            case NEEDS_ANOTHER_PASS -> "Needs another pass";
            case REVIEWED -> "Reviewed";
        }).setHeader("Status").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.asSingleSelect().addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                select(e.getValue().submissionId());
            }
        });

        feedback.setId("feedback-text");
        feedback.setWidthFull();
        feedback.setMinHeight("8em");
        feedback.setValueChangeMode(ValueChangeMode.TIMEOUT);
        feedback.setValueChangeTimeout(300);
        feedback.addValueChangeListener(e -> feedbackPreview.setContent(LessonMarkdown.display(e.getValue())));
        feedbackPreview.setId("feedback-preview");
        grade.setId("feedback-grade");
        grade.setMaxLength(40);
        grade.setHelperText("A short grade, e.g. \"Pass\", \"B+\" or \"8/10\"");
        send.setId("feedback-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.setDisableOnClick(true);
        send.addClickListener(e -> review(false, send));
        anotherPass.setId("feedback-another-pass");
        anotherPass.setDisableOnClick(true);
        anotherPass.addClickListener(e -> review(true, anotherPass));
        form.setPadding(false);
        form.add(feedback, new Span("Preview"), feedbackPreview, grade, new HorizontalLayout(send, anotherPass));
        detailStatus.setId("review-status");
        versions.setId("review-versions");
        versions.setPadding(false);
        detail.setId("review-detail");
        detail.setPadding(false);
        detail.add(detailHeading, detailStatus, form, versions);
        detail.setVisible(false);
        add(heading, tabs, grid, detail);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        OptionalLong id = RouteIds.get(event, "cohortId");
        if (id.isEmpty()) {
            throw new NotFoundException("This cohort does not exist.");
        }
        CohortSummary cohort = cohorts.requireStaff(id.getAsLong());
        cohortId = cohort.id();
        title = "Reviews · " + cohort.name() + " · Academy";
        heading.setText("Project reviews · " + cohort.name());
        selected = null;
        detail.setVisible(false);
        reloadList();
        if (live != null) {
            live.remove();
        }
        live = LiveUpdates.bind(this, hub, ProjectTopics.cohort(cohortId), this::changed);
    }

    private void changed(List<ProjectChanged> events) {
        reloadList();
        if (selected != null && events.stream().anyMatch(e -> e.submissionId() == selected.id())) {
            showSelected(projects.submission(selected.id()));
        }
    }

    private void reloadList() {
        ReviewCounts counts = projects.counts(cohortId);
        waitingTab.setLabel("Waiting (" + counts.waiting() + ")");
        reviewedTab.setLabel("Reviewed (" + counts.reviewed() + ")");
        List<QueueEntry> entries = projects.queue(cohortId, tabs.getSelectedTab() == reviewedTab);
        grid.setItems(entries).setIdentifierProvider(QueueEntry::submissionId);
        if (selected != null) {
            entries.stream().filter(q -> q.submissionId() == selected.id()).findFirst().ifPresent(grid::select);
        }
    }

    private void select(long submissionId) {
        feedback.clear();
        grade.clear();
        showSelected(projects.submission(submissionId));
        openedVersion = selected.latest().version();
    }

    private void showSelected(Submission s) {
        selected = s;
        detail.setVisible(true);
        detailHeading.setText(s.learnerName() + " · " + s.lessonTitle());
        detailStatus.setText(switch (s.status()) {
            case WAITING -> "Waiting for review: version " + s.latest().version() + " of " + s.versions().size() + ".";
            case NEEDS_ANOTHER_PASS -> "You asked for another pass; waiting for the learner.";
            case REVIEWED -> "Reviewed.";
        });
        form.setVisible(s.status() == SubmissionStatus.WAITING);
        versions.removeAll();
        versions.add(ProjectPanel.versions(s));
    }

    private void review(boolean needsAnotherPass, Button clicked) {
        Submission done;
        try {
            done = projects.review(selected.id(), openedVersion, feedback.getValue(), grade.getValue(),
                    needsAnotherPass);
        } finally {
            clicked.setEnabled(true);
        }
        feedback.clear();
        grade.clear();
        Notification.show("Feedback sent to " + done.learnerName() + ".", 3000, Notification.Position.BOTTOM_START);
        showSelected(done);
        reloadList();
    }

    /** The queue of a cohort, for links from other screens. */
    static Anchor link(long cohortId, String text) {
        return new Anchor("cohorts/" + cohortId + "/reviews", text);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
