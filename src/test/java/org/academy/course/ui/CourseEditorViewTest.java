package org.academy.course.ui;

import org.academy.course.CourseOutline;
import org.academy.course.CourseService;
import org.academy.course.LessonSummary;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.markdown.Markdown;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import static org.assertj.core.api.Assertions.assertThat;

class CourseEditorViewTest extends BrowserlessUiTest {

    @Autowired
    CourseService courses;

    @Test
    void the_preview_shows_pasted_html_as_text_as_learners_will_see_it() {
        World w = fixtures.world(1, 1);
        CourseOutline draft = Actors.as(w.admin(), () -> courses.createDraft("Preview " + System.nanoTime(), ""));
        open(w.admin(), "admin/courses/" + draft.id());
        test(find(Button.class).withId("course-add-lesson").single()).click();
        test(find(TextArea.class).withId("lesson-markdown").single())
                .setValue("<style>body{display:none}</style>\n\nA **token** and `<b>`.");

        String preview = find(Markdown.class).withId("lesson-preview").single().getContent();
        assertThat(preview).doesNotContain("<style").contains("&lt;style>", "**token**", "<code>&#60;b&#62;</code>");
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_administrator_drafts_a_course_writes_a_lesson_with_live_preview_and_publishes_it() {
        World w = fixtures.world(1, 1);
        open(w.admin(), "admin/courses");
        String title = "Prompting basics " + System.nanoTime();
        test(find(Button.class).withId("course-create").single()).click();
        test(find(TextField.class).withId("course-title").single()).setValue(title);
        test(find(Button.class).withId("course-create-save").single()).click();
        assertThat(getCurrentView().getClass().getSimpleName()).isEqualTo("CourseEditorView");
        assertThat(find(H2.class).single().getText()).isEqualTo(title);

        test(find(Button.class).withId("course-add-lesson").single()).click();
        test(find(TextArea.class).withId("lesson-markdown").single()).setValue("# Tokens\n\nA **token** is a piece of text.");

        // The preview follows the markdown before anything is saved.
        assertThat(find(Markdown.class).withId("lesson-preview").single().getContent()).contains("**token**");
        test(find(Button.class).withId("lesson-save").single()).click();
        test(find(Button.class).withId("course-publish").single()).click();
        test(find(ConfirmDialog.class).single()).confirm();

        CourseOutline saved = Actors.as(w.admin(), () -> courses.allCourses()).stream()
                .filter(c -> c.title().equals(title)).findFirst().orElseThrow();
        assertThat(saved.published()).isTrue();
        assertThat(Actors.as(w.admin(), () -> courses.lesson(saved.id(), saved.lessons().getFirst().id())).markdown())
                .startsWith("# Tokens");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_arrows_reorder_lessons_for_everyone() {
        World w = fixtures.world(1, 3);
        long courseId = w.courseA().id();
        open(w.admin(), "admin/courses/" + courseId);
        Grid<LessonSummary> lessons = find(Grid.class).withId("course-lessons").single();
        long last = test(lessons).getRow(2).id();

        HorizontalLayout arrows = (HorizontalLayout) test(lessons).getCellComponent(2, 3);
        test((Button) arrows.getComponentAt(0)).click();

        assertThat(test(lessons).getRow(1).id()).isEqualTo(last);
        assertThat(Actors.as(w.studentA(), () -> courses.outline(courseId)).lessons().get(1).id()).isEqualTo(last);
    }
}
