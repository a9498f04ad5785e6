package org.academy.progress.ui;

import org.academy.progress.MyProgress;
import org.academy.progress.ProgressService;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.markdown.Markdown;

import static org.assertj.core.api.Assertions.assertThat;

class LessonViewTest extends BrowserlessUiTest {

    @Autowired
    ProgressService progress;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    World world;
    long cohort;
    long firstLesson;

    @BeforeEach
    void setUp() {
        world = fixtures.world();
        cohort = world.cohortA().id();
        firstLesson = world.courseA().lessons().getFirst().id();
    }

    @Test
    void a_learner_reads_a_lesson_and_marks_it_complete() {
        open(world.studentA(), "learn/" + cohort + "/lesson/" + firstLesson);
        assertThat(find(H2.class).first().getText()).isEqualTo("Lesson 1");
        assertThat(find(Markdown.class).single().getContent()).contains("Content of lesson 1");

        Button complete = find(Button.class).withId("mark-complete").single();
        assertThat(complete.isEnabled()).isTrue();
        test(complete).click();

        assertThat(complete.isEnabled()).isFalse();
        assertThat(find(Span.class).withId("completion-status").single().getText()).isEqualTo("You completed this lesson.");
        MyProgress mine = Actors.as(world.studentA(), () -> progress.myProgress(cohort));
        assertThat(mine.completedLessonIds()).containsExactly(firstLesson);
    }

    @Test
    void a_lesson_with_raw_html_stored_earlier_shows_it_as_text_and_its_code_as_code() {
        jdbc.sql("update lesson set content_md = ? where id = ?").params("""
                Intro

                <style>body { display: none }</style>
                <div style="display:none">

                ```html
                <p>example</p>
                ```
                """, firstLesson).update();
        open(world.studentA(), "learn/" + cohort + "/lesson/" + firstLesson);
        String shown = find(Markdown.class).single().getContent();
        assertThat(shown).doesNotContain("<style", "<div", "<p>").contains("&lt;style>", "&lt;div", "Intro")
                .contains("<pre><code class=\"language-html\">&#60;p&#62;example&#60;&#47;p&#62;</code></pre>");
    }

    @Test
    void a_completed_lesson_opens_as_completed() {
        Actors.as(world.studentA(), () -> progress.markComplete(cohort, firstLesson));
        open(world.studentA(), "learn/" + cohort + "/lesson/" + firstLesson);
        Button complete = find(Button.class).withId("mark-complete").single();
        assertThat(complete.isEnabled()).isFalse();
        assertThat(complete.getText()).isEqualTo("Completed");
    }

    @Test
    void an_instructor_previews_a_lesson_without_a_complete_button() {
        open(world.instructorA(), "learn/" + cohort + "/lesson/" + firstLesson);
        assertThat(find(Button.class).withId("mark-complete").exists()).isFalse();
    }

    @Test
    void my_learning_lists_the_lessons_with_what_is_done() {
        Actors.as(world.studentA(), () -> progress.markComplete(cohort, firstLesson));
        open(world.studentA(), "learn");
        assertThat(find(Span.class).withId("my-progress-" + cohort).single().getText()).isEqualTo("25 %");
        assertThat(find(Span.class).withId("cohort-progress-" + cohort).single().getText()).isEqualTo("8 %");
    }

    @Test
    void my_learning_updates_the_cohort_figure_live_when_a_classmate_completes_a_lesson() {
        open(world.studentA(), "learn");
        assertThat(find(Span.class).withId("cohort-progress-" + cohort).single().getText()).isEqualTo("0 %");

        Actors.as(world.studentsA().get(1), () -> progress.markComplete(cohort, firstLesson));
        Actors.login(world.studentA());

        awaitPush("cohort figure pushed", () ->
                find(Span.class).withId("cohort-progress-" + cohort).single().getText().equals("8 %"));
    }
}
