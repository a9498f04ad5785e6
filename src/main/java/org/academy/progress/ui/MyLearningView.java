package org.academy.progress.ui;

import java.util.ArrayList;
import java.util.List;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.CohortWidgetProvider;
import org.academy.base.ui.Formats;
import org.academy.base.ui.LiveUpdates;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.livesession.Announcement;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionStatus;
import org.academy.livesession.SessionSummary;
import org.academy.livesession.SessionTopics;
import org.academy.course.LessonSummary;
import org.academy.progress.MyProgress;
import org.academy.progress.ProgressService;
import org.academy.progress.ProgressTopics;
import org.academy.security.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;

/** A learner's start page: each of their cohorts, their own progress and the cohort's, live. */
@Route("learn")
@Menu(order = 1, title = "My learning", icon = "vaadin:academy-cap")
@RolesAllowed(Role.Names.STUDENT)
class MyLearningView extends VerticalLayout implements BeforeEnterObserver, com.vaadin.flow.router.HasDynamicTitle {

    @Override
    public String getPageTitle() {
        return getTranslation("learn.title") + " · Academy";
    }


    private final ProgressService progress;
    private final CohortService cohorts;
    private final LiveSessionService sessions;
    private final TopicHub hub;
    private final List<Registration> live = new ArrayList<>();

    private final List<CohortWidgetProvider> widgets;

    MyLearningView(ProgressService progress, CohortService cohorts, LiveSessionService sessions, TopicHub hub,
                   List<CohortWidgetProvider> widgets) {
        this.widgets = widgets.stream().sorted(java.util.Comparator.comparingInt(CohortWidgetProvider::order)).toList();
        this.progress = progress;
        this.cohorts = cohorts;
        this.sessions = sessions;
        this.hub = hub;
        addClassName("page");
        setWidthFull();
    }

    /** Built on every navigation here, not on attach: navigating to this page again must show fresh data. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        live.forEach(Registration::remove);
        live.clear();
        removeAll();
        add(new H2(getTranslation("learn.title")));
        List<CohortSummary> mine = cohorts.myCohorts();
        if (mine.isEmpty()) {
            add(new Paragraph(getTranslation("learn.not-enrolled")));
        }
        for (CohortSummary cohort : mine) {
            SessionsBox sessionsBox = new SessionsBox(cohort.id());
            CohortCard card = new CohortCard(cohort.id());
            add(sessionsBox, card);
            HorizontalLayout extras = new HorizontalLayout();
            extras.add(new com.vaadin.flow.component.html.Anchor("chat/" + cohort.id(), getTranslation("learn.open-chat")));
            widgets.forEach(w -> extras.add(w.create(cohort.id())));
            add(extras);
            live.add(LiveUpdates.bind(card, hub, ProgressTopics.cohort(cohort.id()), events -> card.refresh()));
            live.add(LiveUpdates.bind(sessionsBox, hub, SessionTopics.cohort(cohort.id()), events -> sessionsBox.refresh()));
        }
    }


    /** Live and upcoming sessions of a cohort, with a one-click join, and its latest announcements. */
    private final class SessionsBox extends VerticalLayout {
        private final long cohortId;

        SessionsBox(long cohortId) {
            this.cohortId = cohortId;
            setPadding(false);
            setSpacing(false);
            refresh();
        }

        void refresh() {
            removeAll();
            for (SessionSummary s : sessions.sessionsOf(cohortId)) {
                if (s.status() == SessionStatus.LIVE) {
                    Button join = new Button(getTranslation("learn.join-now"), VaadinIcon.PLAY.create(),
                            e -> getUI().ifPresent(ui -> ui.navigate("sessions/" + s.id())));
                    join.setId("join-session-" + s.id());
                    join.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
                    Span label = new Span(getTranslation("learn.live-now", s.title()));
                    label.setId("live-now-" + s.id());
                    label.getStyle().set("font-weight", "600");
                    HorizontalLayout row = new HorizontalLayout(label, join);
                    row.setAlignItems(Alignment.CENTER);
                    row.addClassName("live-now");
                    add(row);
                } else if (s.status() == SessionStatus.SCHEDULED) {
                    Span upcoming = new Span(getTranslation("learn.upcoming", s.title(),
                            Formats.dateAndTime(s.startsAt(), getLocale())));
                    upcoming.addClassName("live-status");
                    add(upcoming);
                }
            }
            List<Announcement> latest = sessions.announcements(cohortId, 3);
            for (Announcement a : latest) {
                Span text = new Span("📣 " + a.text() + " — " + a.authorName() + ", " + Formats.clock(a.createdAt()).substring(0, 5));
                text.addClassName("announcement");
                add(text);
            }
        }
    }

    /** One cohort: reloads its own figures from the service when anyone in the cohort progresses. */
    private final class CohortCard extends VerticalLayout {
        private final long cohortId;

        CohortCard(long cohortId) {
            this.cohortId = cohortId;
            addClassName("cohort-card");
            setPadding(false);
            refresh();
        }

        void refresh() {
            MyProgress mine = progress.myProgress(cohortId);
            removeAll();
            CohortSummary c = mine.cohort();
            add(new H3(c.courseTitle()));
            add(new Span(c.name() + " · " + Formats.dateRange(c.startsOn(), c.endsOn(), getLocale())
                    + (c.instructorNames().isEmpty() ? "" : " · " + getTranslation("learn.with", String.join(", ", c.instructorNames())))));
            add(bar(getTranslation("learn.your-progress"), mine.percent(), "my-progress"));
            add(bar(getTranslation("learn.your-cohort", c.learnerCount()), mine.cohortPercent(), "cohort-progress"));
            Div lessons = new Div();
            for (LessonSummary lesson : mine.outline().lessons()) {
                HorizontalLayout row = new HorizontalLayout();
                row.addClassName("lesson-list-item");
                boolean done = mine.isCompleted(lesson.id());
                var mark = (done ? VaadinIcon.CHECK_CIRCLE : VaadinIcon.CIRCLE_THIN).create();
                mark.addClassName(done ? "lesson-done-mark" : "cell-todo");
                // An icon carries a label only as an image (axe: aria-prohibited-attr).
                mark.getElement().setAttribute("role", "img");
                mark.getElement().setAttribute("aria-label", getTranslation(done ? "learn.completed" : "learn.not-completed"));
                RouterLink link = new RouterLink((lesson.position() + 1) + ". " + lesson.title(), LessonView.class,
                        new RouteParameters(LessonView.params(cohortId, lesson.id())));
                row.add(mark, link, new Span(getTranslation("learn.minutes", lesson.durationMinutes())));
                lessons.add(row);
            }
            add(lessons);
        }

        private HorizontalLayout bar(String label, int percent, String id) {
            ProgressBar bar = new ProgressBar(0, 100, percent);
            bar.setWidth("16em");
            bar.getElement().setAttribute("aria-label", label);
            Span value = new Span(getTranslation("learn.percent", percent));
            value.setId(id + "-" + cohortId);
            HorizontalLayout row = new HorizontalLayout(new Span(label), bar, value);
            row.setAlignItems(Alignment.CENTER);
            return row;
        }
    }
}
