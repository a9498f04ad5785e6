package org.academy.progress.ui;

import java.util.ArrayList;
import java.util.List;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.Formats;
import org.academy.base.ui.LiveUpdates;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.course.LessonSummary;
import org.academy.progress.MyProgress;
import org.academy.progress.ProgressService;
import org.academy.progress.ProgressTopics;
import org.academy.security.Role;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;

/** A learner's start page: each of their cohorts, their own progress and the cohort's, live. */
@Route("learn")
@PageTitle("My learning · Academy")
@Menu(order = 1, title = "My learning", icon = "vaadin:academy-cap")
@RolesAllowed(Role.Names.STUDENT)
class MyLearningView extends VerticalLayout {

    private final ProgressService progress;
    private final CohortService cohorts;
    private final TopicHub hub;
    private final List<Registration> live = new ArrayList<>();

    MyLearningView(ProgressService progress, CohortService cohorts, TopicHub hub) {
        this.progress = progress;
        this.cohorts = cohorts;
        this.hub = hub;
        addClassName("page");
        setWidthFull();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        removeAll();
        add(new H2("My learning"));
        List<CohortSummary> mine = cohorts.myCohorts();
        if (mine.isEmpty()) {
            add(new Paragraph("You are not enrolled in a cohort yet. Your organisation's admin assigns seats."));
        }
        for (CohortSummary cohort : mine) {
            CohortCard card = new CohortCard(cohort.id());
            add(card);
            live.add(LiveUpdates.bind(card, hub, ProgressTopics.cohort(cohort.id()), events -> card.refresh()));
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        live.forEach(Registration::remove);
        live.clear();
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
            add(new Span(c.name() + " · " + Formats.dateRange(c.startsOn(), c.endsOn())
                    + (c.instructorNames().isEmpty() ? "" : " · with " + String.join(", ", c.instructorNames()))));
            add(bar("Your progress", mine.percent(), "my-progress"));
            add(bar("Your cohort (" + c.learnerCount() + " learners)", mine.cohortPercent(), "cohort-progress"));
            Div lessons = new Div();
            for (LessonSummary lesson : mine.outline().lessons()) {
                HorizontalLayout row = new HorizontalLayout();
                row.addClassName("lesson-list-item");
                boolean done = mine.isCompleted(lesson.id());
                var mark = (done ? VaadinIcon.CHECK_CIRCLE : VaadinIcon.CIRCLE_THIN).create();
                mark.addClassName(done ? "lesson-done-mark" : "cell-todo");
                mark.getElement().setAttribute("aria-label", done ? "completed" : "not completed");
                RouterLink link = new RouterLink((lesson.position() + 1) + ". " + lesson.title(), LessonView.class,
                        new RouteParameters(LessonView.params(cohortId, lesson.id())));
                row.add(mark, link, new Span(lesson.durationMinutes() + " min"));
                lessons.add(row);
            }
            add(lessons);
        }

        private HorizontalLayout bar(String label, int percent, String id) {
            ProgressBar bar = new ProgressBar(0, 100, percent);
            bar.setWidth("16em");
            Span value = new Span(percent + " %");
            value.setId(id + "-" + cohortId);
            HorizontalLayout row = new HorizontalLayout(new Span(label), bar, value);
            row.setAlignItems(Alignment.CENTER);
            return row;
        }
    }
}
