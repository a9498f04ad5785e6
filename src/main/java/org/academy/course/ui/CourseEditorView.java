package org.academy.course.ui;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.academy.base.NotFoundException;
import org.academy.base.ui.LessonEditorPanelProvider;
import org.academy.base.ui.RouteIds;
import org.academy.course.CourseOutline;
import org.academy.course.CourseService;
import org.academy.course.LessonContent;
import org.academy.course.LessonMarkdown;
import org.academy.course.LessonSummary;
import org.academy.course.NewLesson;
import org.academy.security.Role;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dnd.GridDropLocation;
import com.vaadin.flow.component.grid.dnd.GridDropMode;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.markdown.Markdown;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * Authoring one course: its title and summary, its lessons in order (drag a row, or the arrows),
 * and the selected lesson's markdown beside a live preview, rendered as learners will see it.
 * Nothing is saved until "Save lesson": leaving the page or picking another lesson with unsaved
 * changes asks first.
 */
@Route("admin/courses/:courseId")
@PageTitle("Edit course · Academy")
@RolesAllowed(Role.Names.ADMIN)
class CourseEditorView extends VerticalLayout implements BeforeEnterObserver, BeforeLeaveObserver {

    private final CourseService courses;
    private final H2 heading = new H2();
    private final Span state = new Span();
    private final TextField title = new TextField("Course title");
    private final TextArea summary = new TextArea("Summary");
    private final Button publish = new Button("Publish", VaadinIcon.GLOBE.create());
    private final Grid<LessonSummary> lessons = new Grid<>();
    private final TextField lessonTitle = new TextField("Lesson title");
    private final IntegerField minutes = new IntegerField("Minutes");
    private final TextArea markdown = new TextArea("Markdown");
    private final Markdown preview = new Markdown();
    private final Button saveLesson = new Button("Save lesson");
    private final Button deleteLesson = new Button("Delete lesson", VaadinIcon.TRASH.create());
    private final VerticalLayout editor = new VerticalLayout();
    private CourseOutline course;
    private LessonContent editing;
    private LessonSummary dragged;
    private final List<LessonEditorPanelProvider> lessonPanelProviders;
    private final VerticalLayout lessonPanels = new VerticalLayout();

    CourseEditorView(CourseService courses, List<LessonEditorPanelProvider> lessonPanelProviders) {
        this.courses = courses;
        this.lessonPanelProviders = lessonPanelProviders.stream()
                .sorted(Comparator.comparingInt(LessonEditorPanelProvider::order)).toList();
        lessonPanels.setPadding(false);
        addClassName("page");
        setWidthFull();

        title.setWidth("28em");
        summary.setWidthFull();
        summary.setMaxLength(2000);
        Button saveCourse = new Button("Save title and summary", e -> {
            course = courses.editCourse(course.id(), title.getValue(), summary.getValue());
            Notification.show("Saved.");
            showCourse();
        });
        publish.setId("course-publish");
        publish.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        publish.addClickListener(e -> confirmPublish());

        lessons.setId("course-lessons");
        lessons.addColumn(l -> l.position() + 1).setHeader("#").setWidth("4em").setFlexGrow(0);
        lessons.addColumn(LessonSummary::title).setHeader("Lesson").setAutoWidth(true);
        lessons.addColumn(LessonSummary::durationMinutes).setHeader("Minutes").setWidth("7em").setFlexGrow(0);
        lessons.addComponentColumn(this::moveButtons).setHeader("Order").setWidth("8em").setFlexGrow(0);
        lessons.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        lessons.setAllRowsVisible(true);
        lessons.setRowsDraggable(true);
        lessons.addDragStartListener(e -> {
            dragged = e.getDraggedItems().getFirst();
            lessons.setDropMode(GridDropMode.BETWEEN);
        });
        lessons.addDragEndListener(e -> {
            dragged = null;
            lessons.setDropMode(null);
        });
        lessons.addDropListener(e -> e.getDropTargetItem().ifPresent(target -> {
            if (dragged != null && dragged.id() != target.id()) {
                int to = target.position() + (e.getDropLocation() == GridDropLocation.BELOW ? 1 : 0);
                move(dragged, dragged.position() < to ? to - 1 : to);
            }
        }));
        lessons.asSingleSelect().addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                openLesson(e.getValue());
            }
        });
        Button addLesson = new Button("Add lesson", VaadinIcon.PLUS.create(), e -> {
            LessonContent added = courses.addLesson(course.id(), new NewLesson("New lesson", 15, "# New lesson\n"));
            course = courses.outline(course.id());
            showCourse();
            edit(added);
        });
        addLesson.setId("course-add-lesson");

        lessonTitle.setWidth("24em");
        minutes.setMin(0);
        minutes.setMax(1440);
        minutes.setStepButtonsVisible(true);
        markdown.setId("lesson-markdown");
        markdown.setWidthFull();
        markdown.setMinHeight("24em");
        markdown.setMaxLength(200_000);
        // The preview follows the typing after a short pause, rendered on the server like the lesson page.
        markdown.setValueChangeMode(ValueChangeMode.TIMEOUT);
        markdown.setValueChangeTimeout(300);
        markdown.addValueChangeListener(e -> preview.setContent(LessonMarkdown.display(e.getValue())));
        preview.setId("lesson-preview");
        preview.setWidthFull();
        saveLesson.setId("lesson-save");
        saveLesson.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveLesson.addClickListener(e -> {
            editing = courses.editLesson(course.id(), editing.id(), new NewLesson(lessonTitle.getValue(),
                    minutes.getValue() == null ? 0 : minutes.getValue(), markdown.getValue()));
            course = courses.outline(course.id());
            Notification.show("Lesson saved.");
            showCourse();
        });
        deleteLesson.addThemeVariants(ButtonVariant.LUMO_ERROR);
        deleteLesson.addClickListener(e -> confirmDelete());
        VerticalLayout source = new VerticalLayout(markdown);
        source.setPadding(false);
        VerticalLayout rendered = new VerticalLayout(new Span("Preview"), preview);
        rendered.setPadding(false);
        rendered.addClassName("lesson-preview");
        HorizontalLayout sideBySide = new HorizontalLayout(source, rendered);
        sideBySide.setWidthFull();
        sideBySide.setFlexGrow(1, source, rendered);
        editor.setPadding(false);
        editor.add(new H3("Lesson"), new HorizontalLayout(lessonTitle, minutes), sideBySide,
                new HorizontalLayout(saveLesson, deleteLesson), lessonPanels);
        editor.setVisible(false);

        HorizontalLayout head = new HorizontalLayout(heading, state);
        head.setAlignItems(Alignment.BASELINE);
        add(head, title, summary, new HorizontalLayout(saveCourse, publish), new H3("Lessons"),
                new Span("Drag a lesson to reorder, or use the arrows. Click one to edit it."), lessons, addLesson, editor);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = RouteIds.get(event, "courseId")
                .orElseThrow(() -> new NotFoundException("This course does not exist."));
        course = courses.outline(id);
        editing = null;
        editor.setVisible(false);
        title.setValue(course.title());
        summary.setValue(course.summary());
        showCourse();
    }

    @Override
    public void beforeLeave(BeforeLeaveEvent event) {
        if (hasUnsavedChanges()) {
            BeforeLeaveEvent.ContinueNavigationAction leave = event.postpone();
            ConfirmDialog confirm = new ConfirmDialog("Leave without saving?",
                    "\"" + editing.title() + "\" has changes that are not saved.", "Leave", e -> {
                        editing = null;
                        leave.proceed();
                    });
            confirm.setCancelable(true);
            confirm.open();
        }
    }

    private void showCourse() {
        heading.setText(course.title());
        state.setText(course.published() ? "Published" : "Draft");
        state.getElement().getThemeList().clear();
        state.getElement().getThemeList().add(course.published() ? "badge success" : "badge contrast");
        publish.setVisible(!course.published());
        deleteLesson.setVisible(!course.published());
        lessons.setItems(course.lessons());
        if (editing != null) {
            course.lesson(editing.id()).ifPresent(lessons::select);
        }
    }

    private HorizontalLayout moveButtons(LessonSummary l) {
        Button up = new Button(VaadinIcon.ARROW_UP.create(), e -> move(l, l.position() - 1));
        up.setEnabled(l.position() > 0);
        up.setAriaLabel("Move " + l.title() + " up");
        Button down = new Button(VaadinIcon.ARROW_DOWN.create(), e -> move(l, l.position() + 1));
        down.setEnabled(l.position() < course.lessons().size() - 1);
        down.setAriaLabel("Move " + l.title() + " down");
        up.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        down.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        return new HorizontalLayout(up, down);
    }

    private void move(LessonSummary lesson, int newIndex) {
        course = courses.moveLesson(course.id(), lesson.id(), newIndex);
        showCourse();
    }

    private void openLesson(LessonSummary lesson) {
        if (editing != null && editing.id() != lesson.id() && hasUnsavedChanges()) {
            ConfirmDialog confirm = new ConfirmDialog("Discard your changes?",
                    "\"" + editing.title() + "\" has changes that are not saved.", "Discard",
                    e -> edit(courses.lesson(course.id(), lesson.id())));
            confirm.setCancelable(true);
            confirm.addCancelListener(e -> course.lesson(editing.id()).ifPresent(lessons::select));
            confirm.open();
            return;
        }
        edit(courses.lesson(course.id(), lesson.id()));
    }

    boolean hasUnsavedChanges() {
        return editing != null && (!Objects.equals(editing.title(), lessonTitle.getValue())
                || !Objects.equals(editing.durationMinutes(), minutes.getValue())
                || !Objects.equals(editing.markdown(), markdown.getValue()));
    }

    private void edit(LessonContent lesson) {
        editing = lesson;
        lessonTitle.setValue(lesson.title());
        minutes.setValue(lesson.durationMinutes());
        markdown.setValue(lesson.markdown());
        preview.setContent(LessonMarkdown.display(lesson.markdown()));
        // Features' parts of the lesson (its quiz) are saved on their own, not with "Save lesson".
        lessonPanels.removeAll();
        lessonPanelProviders.forEach(p -> p.create(course.id(), lesson.id()).ifPresent(lessonPanels::add));
        editor.setVisible(true);
        course.lesson(lesson.id()).ifPresent(lessons::select);
    }

    private void confirmPublish() {
        ConfirmDialog confirm = new ConfirmDialog("Publish " + course.title() + "?",
                "Cohorts and seat pools can then be created for it. Publishing cannot be undone, and lessons of a "
                        + "published course can be edited and reordered but not deleted.", "Publish", e -> {
                    course = courses.publish(course.id());
                    Notification.show(course.title() + " is published.");
                    showCourse();
                });
        confirm.setCancelable(true);
        confirm.open();
    }

    private void confirmDelete() {
        ConfirmDialog confirm = new ConfirmDialog("Delete \"" + editing.title() + "\"?", "This cannot be undone.",
                "Delete", e -> {
                    course = courses.deleteLesson(course.id(), editing.id());
                    editing = null;
                    editor.setVisible(false);
                    showCourse();
                });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }
}
