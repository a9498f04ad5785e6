package org.academy.progress.ui;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.academy.base.ui.RouteIds;
import org.academy.course.LessonMarkdown;
import org.academy.course.LessonSummary;
import org.academy.progress.CompletionResult;
import org.academy.base.ui.LessonPanelProvider;
import org.academy.progress.LessonPage;
import org.academy.progress.ProgressService;
import org.academy.security.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.markdown.Markdown;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import org.academy.base.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;

/**
 * One lesson of a cohort's course. Learners mark it complete explicitly; instructors and
 * administrators may read it (a preview) but have nothing to complete.
 */
@Route("learn/:cohortId/lesson/:lessonId")
@RolesAllowed({Role.Names.STUDENT, Role.Names.INSTRUCTOR, Role.Names.ADMIN})
class LessonView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ProgressService progress;
    private final List<LessonPanelProvider> panels;
    private String title = "Lesson · Academy";

    LessonView(ProgressService progress, List<LessonPanelProvider> panels) {
        this.progress = progress;
        this.panels = panels.stream().sorted(java.util.Comparator.comparingInt(LessonPanelProvider::order)).toList();
        addClassName("page");
    }

    static Map<String, String> params(long cohortId, long lessonId) {
        return Map.of("cohortId", Long.toString(cohortId), "lessonId", Long.toString(lessonId));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        OptionalLong cohortId = RouteIds.get(event, "cohortId");
        OptionalLong lessonId = RouteIds.get(event, "lessonId");
        if (cohortId.isEmpty() || lessonId.isEmpty()) {
            throw new NotFoundException("This lesson does not exist.");
        }
        // Not found / not a member surfaces as the service's exception, handled by the error views.
        show(progress.openLesson(cohortId.getAsLong(), lessonId.getAsLong()));
    }

    private void show(LessonPage page) {
        removeAll();
        title = page.lesson().title() + " · Academy";
        Span where = new Span(getTranslation("lesson.where", page.cohort().courseTitle(), page.lesson().position() + 1,
                page.lessonCount(), page.lesson().durationMinutes()));
        where.addClassName("live-status");
        Markdown content = new Markdown(LessonMarkdown.display(
                withoutTitleHeading(page.lesson().markdown(), page.lesson().title())));
        content.addClassName("lesson-content");
        add(where, new H2(page.lesson().title()), content);
        panels.forEach(p -> p.create(page.cohort().id(), page.lesson().id()).ifPresent(this::add));
        add(completion(page), navigation(page));
    }

    /** Lessons usually open with their title as a heading; the page already shows it. */
    static String withoutTitleHeading(String markdown, String title) {
        String trimmed = markdown.stripLeading();
        int end = trimmed.indexOf('\n');
        String first = (end < 0 ? trimmed : trimmed.substring(0, end)).strip();
        if (first.startsWith("# ") && first.substring(2).strip().equals(title.strip())) {
            return end < 0 ? "" : trimmed.substring(end + 1);
        }
        return markdown;
    }

    private HorizontalLayout completion(LessonPage page) {
        HorizontalLayout row = new HorizontalLayout();
        row.setAlignItems(Alignment.CENTER);
        if (!page.canComplete()) {
            row.add(new Span(getTranslation("lesson.preview")));
            return row;
        }
        Button complete = new Button(getTranslation("lesson.mark-complete"), VaadinIcon.CHECK.create());
        complete.setId("mark-complete");
        complete.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        // Disabled on the client at the first click: a double click sends one request.
        complete.setDisableOnClick(true);
        Span status = new Span();
        status.setId("completion-status");
        if (page.completed()) {
            markDone(complete, status);
        }
        complete.addClickListener(e -> {
            CompletionResult result;
            try {
                result = progress.markComplete(page.cohort().id(), page.lesson().id());
            } catch (RuntimeException failed) {
                // The client disabled the button on click; give it back, and let the error handler explain.
                complete.setEnabled(true);
                throw failed;
            }
            markDone(complete, status);
            Notification.show(result.newlyCompleted()
                    ? getTranslation("lesson.completed-now", result.percent())
                    : getTranslation("lesson.already-completed"), 3000, Notification.Position.BOTTOM_START);
        });
        row.add(complete, status);
        return row;
    }

    private void markDone(Button complete, Span status) {
        complete.setEnabled(false);
        complete.setText(getTranslation("lesson.done-button"));
        status.setText(getTranslation("lesson.done"));
    }

    private HorizontalLayout navigation(LessonPage page) {
        HorizontalLayout nav = new HorizontalLayout();
        long cohortId = page.cohort().id();
        LessonSummary previous = page.previous();
        LessonSummary next = page.next();
        if (previous != null) {
            nav.add(new RouterLink("← " + previous.title(), LessonView.class,
                    new RouteParameters(params(cohortId, previous.id()))));
        }
        if (next != null) {
            nav.add(new RouterLink(next.title() + " →", LessonView.class,
                    new RouteParameters(params(cohortId, next.id()))));
        }
        if (page.canComplete()) {
            nav.add(new RouterLink(getTranslation("lesson.back-to-learning"), MyLearningView.class));
        } else {
            nav.add(new RouterLink(getTranslation("lesson.back-to-cohort"), CohortDashboardView.class,
                    new RouteParameters("cohortId", Long.toString(cohortId))));
        }
        return nav;
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
