package org.academy.progress.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.List;
import java.util.OptionalLong;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.CohortDashboardPanelProvider;
import org.academy.base.ui.CohortWidgetProvider;
import org.academy.base.ui.Formats;
import org.academy.base.ui.LiveUpdates;
import org.academy.base.ui.RouteIds;
import org.academy.course.LessonSummary;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionStatus;
import org.academy.livesession.SessionSummary;
import org.academy.livesession.SessionTopics;
import org.academy.progress.CohortDashboard;
import org.academy.progress.LearnerProgress;
import org.academy.progress.ProgressEvent;
import org.academy.progress.ProgressService;
import org.academy.progress.ProgressTopics;
import org.academy.security.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import org.academy.base.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;

/**
 * The instructor's live view of a cohort: learners × lessons, per-learner percentage, last
 * activity and the cohort's aggregates. Every committed completion in the cohort reloads it
 * through push; the refresh button is the fallback when push cannot get through.
 */
@Route("cohorts/:cohortId")
@RolesAllowed({Role.Names.INSTRUCTOR, Role.Names.ADMIN})
class CohortDashboardView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ProgressService progress;
    private final TopicHub hub;

    private final H2 heading = new H2();
    private final Span subtitle = new Span();
    private final Stat learners = new Stat("stat-learners", "learners");
    private final Stat average = new Stat("stat-average", "average progress");
    private final Stat finished = new Stat("stat-finished", "finished every lesson");
    private final Stat active = new Stat("stat-active", "active in the last " + ProgressService.RECENT.toMinutes() + " min");
    private final Stat completions = new Stat("stat-completions", "lessons completed");
    private final Span updated = new Span();
    private final Grid<LearnerProgress> grid = new Grid<>();
    private final Anchor sessionsLink = new Anchor();

    private long cohortId;
    private List<LessonSummary> lessons = List.of();
    private Registration live;

    private final List<CohortWidgetProvider> widgetProviders;
    private final HorizontalLayout widgets = new HorizontalLayout();
    private final Anchor chatLink = new Anchor();

    private final List<CohortDashboardPanelProvider> panelProviders;
    private final VerticalLayout panels = new VerticalLayout();

    private final LiveSessionService sessions;
    private final Div sessionCard = new Div();
    private Registration liveSessions;
    private final java.time.Clock clock;

    CohortDashboardView(ProgressService progress, TopicHub hub, List<CohortWidgetProvider> widgetProviders,
                        List<CohortDashboardPanelProvider> panelProviders, LiveSessionService sessions,
                        java.time.Clock clock) {
        this.progress = progress;
        this.sessions = sessions;
        this.clock = clock;
        this.panelProviders = panelProviders.stream()
                .sorted(java.util.Comparator.comparingInt(CohortDashboardPanelProvider::order)).toList();
        panels.setPadding(false);
        this.hub = hub;
        this.widgetProviders = widgetProviders.stream()
                .sorted(java.util.Comparator.comparingInt(CohortWidgetProvider::order)).toList();
        addClassName("page");
        setSizeFull();

        subtitle.addClassName("live-status");
        updated.addClassName("live-status");
        updated.setId("dashboard-updated");
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> reload());
        refresh.setId("dashboard-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        sessionsLink.setText("Live sessions");
        sessionsLink.setId("sessions-link");
        chatLink.setText("Chat");
        chatLink.setId("chat-link");
        HorizontalLayout status = new HorizontalLayout(updated, refresh, sessionsLink, chatLink);
        status.setAlignItems(Alignment.CENTER);

        FlexLayout stats = new FlexLayout(learners, average, finished, active, completions);
        stats.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        stats.getStyle().set("gap", "var(--lumo-space-m)");

        grid.setId("progress-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COLUMN_BORDERS);
        grid.setSizeFull();
        sessionCard.setId("dashboard-session");
        sessionCard.addClassName("agenda-card");
        add(heading, subtitle, sessionCard, stats, status, widgets, grid, panels);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        OptionalLong id = RouteIds.get(event, "cohortId");
        if (id.isEmpty()) {
            throw new NotFoundException("This cohort does not exist.");
        }
        CohortDashboard dashboard = progress.dashboard(id.getAsLong());
        cohortId = id.getAsLong();
        sessionsLink.setHref("cohorts/" + cohortId + "/sessions");
        chatLink.setHref("chat/" + cohortId);
        widgets.removeAll();
        widgetProviders.forEach(w -> widgets.add(w.create(cohortId)));
        panels.removeAll();
        panelProviders.forEach(p -> p.create(cohortId).ifPresent(panels::add));
        // A full-height grid would push the sections below out of sight; the page scrolls instead.
        if (panels.getComponentCount() > 0) {
            grid.setHeight("28em");
        }
        buildColumns(dashboard.lessons());
        show(dashboard);
        if (live != null) {
            live.remove();
        }
        live = LiveUpdates.bind(this, hub, ProgressTopics.cohort(cohortId), this::changed);
        showSession();
        if (liveSessions != null) {
            liveSessions.remove();
        }
        liveSessions = LiveUpdates.bind(this, hub, SessionTopics.cohort(cohortId), events -> showSession());
    }

    /** The cohort's live session, or else its next one, with the way to its console. */
    private void showSession() {
        sessionCard.removeAll();
        Instant recent = clock.instant().minus(Duration.ofHours(12));
        Optional<SessionSummary> shown = sessions.sessionsOf(cohortId).stream().filter(SessionSummary::isLive).findFirst()
                .or(() -> sessions.sessionsOf(cohortId).stream()
                        .filter(s -> s.status() == SessionStatus.SCHEDULED && s.endsAt().isAfter(recent)).findFirst());
        sessionCard.setVisible(shown.isPresent());
        shown.ifPresent(s -> {
            sessionCard.removeClassNames("agenda-live", "agenda-upcoming");
            sessionCard.addClassName(s.isLive() ? "agenda-live" : "agenda-upcoming");
            Span badge = new Span(s.isLive() ? "Live now" : "Next session");
            badge.getElement().getThemeList().add(s.isLive() ? "badge success" : "badge contrast");
            H3 title = new H3(s.title());
            Span when = new Span(Formats.date(s.startsAt().atZone(ZoneId.systemDefault()).toLocalDate()) + " "
                    + Formats.clock(s.startsAt()).substring(0, 5) + "–" + Formats.clock(s.endsAt()).substring(0, 5));
            when.addClassName("live-status");
            Anchor console = new Anchor("sessions/" + s.id() + "/facilitate", s.isLive() ? "Open console" : "Open console to start");
            console.setId("dashboard-session-console");
            console.addClassName("agenda-action");
            sessionCard.add(badge, title, when, console);
        });
    }

    private void changed(List<ProgressEvent> events) {
        reload();
    }

    private void reload() {
        show(progress.dashboard(cohortId));
    }

    private void buildColumns(List<LessonSummary> lessonList) {
        lessons = lessonList;
        grid.removeAllColumns();
        grid.addColumn(LearnerProgress::displayName).setHeader("Learner").setFrozen(true).setAutoWidth(true)
                .setSortable(true).setComparator(l -> l.displayName().toLowerCase());
        for (LessonSummary lesson : lessons) {
            long lessonId = lesson.id();
            Span header = new Span(Integer.toString(lesson.position() + 1));
            header.setTitle(lesson.title());
            grid.addColumn(LitRenderer.<LearnerProgress>of(
                                    "<span class=${item.cls} data-cell=${item.key} title=${item.label}>${item.mark}</span>")
                            .withProperty("cls", l -> l.hasCompleted(lessonId) ? "cell-done" : "cell-todo")
                            .withProperty("mark", l -> l.hasCompleted(lessonId) ? "✓" : "·")
                            .withProperty("label", l -> l.hasCompleted(lessonId) ? "completed" : "not completed")
                            .withProperty("key", l -> l.userId() + "-" + lessonId))
                    // rem, not em: header cells use a smaller font than body cells, so an em width
                    // made header and body columns differ (49 px against 56 px) and drift apart.
                    .setHeader(header).setWidth("3.5rem").setFlexGrow(0).setTextAlign(ColumnTextAlign.CENTER)
                    .setKey("lesson-" + lessonId);
        }
        // A fixed width: auto width measures the cells and left the header with its sort arrow cut to "Progr…".
        grid.addColumn(l -> l.percent() + " %").setHeader("Progress").setWidth("8rem").setFlexGrow(0)
                .setSortable(true).setComparator(LearnerProgress::percent).setKey("percent");
        grid.addColumn(l -> Formats.ago(l.lastActivityAt(), clock.instant())).setHeader("Last activity")
                .setAutoWidth(true).setSortable(true)
                .setComparator(l -> l.lastActivityAt() == null ? Instant.EPOCH : l.lastActivityAt());
        grid.appendFooterRow();
    }

    private void show(CohortDashboard d) {
        heading.setText(d.cohort().name());
        subtitle.setText(d.cohort().courseTitle() + " · " + Formats.dateRange(d.cohort().startsOn(), d.cohort().endsOn())
                + (d.cohort().instructorNames().isEmpty() ? "" : " · " + String.join(", ", d.cohort().instructorNames())));
        learners.set(Integer.toString(d.learners().size()));
        average.set(d.averagePercent() + " %");
        finished.set(Integer.toString(d.finishedCount()));
        active.set(Integer.toString(d.activeRecentlyCount()));
        completions.set(Integer.toString(d.completionsPerLesson().values().stream().mapToInt(Integer::intValue).sum()));
        updated.setText("Live · updated " + Formats.clock(d.generatedAt()));
        grid.setItems(d.learners());
        var footer = grid.getFooterRows().getFirst();
        for (LessonSummary lesson : lessons) {
            var column = grid.getColumnByKey("lesson-" + lesson.id());
            if (column != null) {
                footer.getCell(column).setText(Integer.toString(d.completionsPerLesson().getOrDefault(lesson.id(), 0)));
            }
        }
        footer.getCell(grid.getColumns().getFirst()).setText("Completed by");
    }

    @Override
    public String getPageTitle() {
        return heading.getText().isEmpty() ? "Cohort · Academy" : heading.getText() + " · Academy";
    }
}
