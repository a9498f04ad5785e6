package org.academy.quiz.ui;

import java.util.List;

import org.academy.course.LessonSummary;
import org.academy.quiz.CountedAttempt;
import org.academy.quiz.LearnerQuiz;
import org.academy.quiz.OptionDraft;
import org.academy.quiz.QuestionDraft;
import org.academy.quiz.QuestionKind;
import org.academy.quiz.QuizAnswer;
import org.academy.quiz.QuizDefinition;
import org.academy.quiz.QuizDraft;
import org.academy.quiz.QuizService;
import org.academy.quiz.QuizSubmission;
import org.academy.quiz.LearnerScores;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import static org.assertj.core.api.Assertions.assertThat;

/** The quiz on the lesson page, in the course editor and on the cohort dashboard, in a simulated browser. */
class QuizViewsTest extends BrowserlessUiTest {

    @Autowired
    QuizService quizzes;
    @Autowired
    JdbcClient jdbc;

    World world;
    long cohort;
    long course;
    long lesson;

    @BeforeEach
    void setUp() {
        world = fixtures.world();
        cohort = world.cohortA().id();
        course = world.courseA().id();
        lesson = world.courseA().lessons().getFirst().id();
    }

    static QuizDraft draft(boolean required) {
        return new QuizDraft(60, 2, CountedAttempt.BEST, required, List.of(
                new QuestionDraft(QuestionKind.SINGLE, "Capital of France?",
                        List.of(new OptionDraft("Paris", true), new OptionDraft("Lyon", false)), "Paris, since 508."),
                new QuestionDraft(QuestionKind.MULTIPLE, "Which are prime?",
                        List.of(new OptionDraft("2", true), new OptionDraft("3", true), new OptionDraft("4", false)),
                        "4 = 2 × 2."),
                new QuestionDraft(QuestionKind.SHORT, "Who wrote the first program?",
                        List.of(new OptionDraft("Ada Lovelace", true)), "")));
    }

    void saveQuiz(boolean required) {
        Actors.as(world.admin(), () -> quizzes.saveQuiz(course, lesson, draft(required)));
    }

    long attempts() {
        return jdbc.sql("select count(*) from quiz_attempt where cohort_id = ?").param(cohort).query(Long.class).single();
    }

    @SuppressWarnings("unchecked")
    void answer(String single, List<String> multiple, String text) {
        test((RadioButtonGroup<Object>) find(RadioButtonGroup.class).withId("quiz-question-1").single()).selectItem(single);
        test((CheckboxGroup<Object>) find(CheckboxGroup.class).withId("quiz-question-2").single())
                .selectItems(multiple.toArray(String[]::new));
        test(find(TextField.class).withId("quiz-question-3").single()).setValue(text);
    }

    String text(String id) {
        return find(Span.class).withId(id).single().getText();
    }

    @Test
    void a_learner_takes_the_quiz_on_the_lesson_page_and_sees_score_right_answers_and_explanations() {
        saveQuiz(false);
        open(world.studentA(), "learn/" + cohort + "/lesson/" + lesson);
        assertThat(text("quiz-info")).contains("3 questions", "pass mark 60 %", "2 attempts (0 used)");
        assertThat(text("quiz-status")).isEqualTo("Not attempted yet.");

        answer("Paris", List.of("2"), "  ada lovelace ");
        test(find(Button.class).withId("quiz-submit").single()).click();

        assertThat(text("quiz-score")).isEqualTo("Attempt 1: 2 of 3 right · 66 % · passed");
        assertThat(text("quiz-status")).isEqualTo("Your score: 66 % (best attempt) · passed");
        Div first = find(Div.class).withId("quiz-review-1").single();
        Div second = find(Div.class).withId("quiz-review-2").single();
        assertThat(first.getClassNames()).contains("quiz-right");
        assertThat(second.getClassNames()).contains("quiz-wrong");
        assertThat(second.getElement().getTextRecursively()).contains("✗ Wrong", "Your answer: 2", "4 = 2 × 2.");
        assertThat(first.getElement().getTextRecursively()).contains("Paris, since 508.");
        assertThat(find(Button.class).withId("quiz-submit").exists()).isFalse();

        // The second and last attempt.
        test(find(Button.class).withId("quiz-retry").single()).click();
        answer("Lyon", List.of(), "Babbage");
        test(find(Button.class).withId("quiz-submit").single()).click();
        assertThat(text("quiz-score")).isEqualTo("Attempt 2: 0 of 3 right · 0 % · not passed");
        assertThat(text("quiz-status")).as("the best attempt counts").isEqualTo("Your score: 66 % (best attempt) · passed");
        assertThat(find(Span.class).withId("quiz-no-attempts").exists()).isTrue();
        assertThat(find(Button.class).withId("quiz-retry").exists()).isFalse();
        assertThat(attempts()).isEqualTo(2);
    }

    @Test
    void html_typed_as_an_answer_is_refused_with_a_message_the_answers_stay_and_nothing_is_stored() {
        saveQuiz(false);
        open(world.studentA(), "learn/" + cohort + "/lesson/" + lesson);
        answer("Paris", List.of("2", "3"), "<b>Ada</b>");
        Button submit = find(Button.class).withId("quiz-submit").single();
        test(submit).click();

        assertThat(test(find(Notification.class).last()).getText()).isEqualTo(QuizService.HTML_IN_ANSWER);
        assertThat(submit.isEnabled()).as("given back to try again").isTrue();
        assertThat(find(TextField.class).withId("quiz-question-3").single().getValue()).isEqualTo("<b>Ada</b>");
        assertThat(attempts()).isZero();
    }

    @Test
    void a_page_submitted_again_from_a_second_tab_counts_once_and_shows_the_recorded_attempt() {
        saveQuiz(false);
        open(world.studentA(), "learn/" + cohort + "/lesson/" + lesson);
        // The same attempt is submitted from another tab first.
        Actors.as(world.studentA(), () -> {
            LearnerQuiz q = quizzes.quizFor(cohort, lesson).orElseThrow();
            return quizzes.submit(cohort, lesson, new QuizSubmission(q.versionId(), 1,
                    List.of(QuizAnswer.text(q.questions().get(2).id(), "Ada Lovelace"))));
        });
        Actors.login(world.studentA());
        answer("Paris", List.of("2", "3"), "Ada Lovelace");
        test(find(Button.class).withId("quiz-submit").single()).click();

        assertThat(test(find(Notification.class).last()).getText()).isEqualTo(QuizService.ALREADY_SUBMITTED);
        assertThat(text("quiz-score")).isEqualTo("Attempt 1: 1 of 3 right · 33 % · not passed");
        assertThat(attempts()).isEqualTo(1);
    }

    @Test
    void mark_complete_is_refused_with_the_reason_until_the_required_quiz_is_passed_on_the_page() {
        saveQuiz(true);
        open(world.studentA(), "learn/" + cohort + "/lesson/" + lesson);
        assertThat(text("quiz-info")).endsWith("pass it to complete the lesson");
        Button complete = find(Button.class).withId("mark-complete").single();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> test(complete).click())
                .satisfies(t -> assertThat(rootMessage(t))
                        .isEqualTo("Pass this lesson's quiz (pass mark 60 %) before marking the lesson complete."));
        assertThat(complete.isEnabled()).as("given back after the refusal").isTrue();

        answer("Paris", List.of("2", "3"), "Ada Lovelace");
        test(find(Button.class).withId("quiz-submit").single()).click();
        test(complete).click();
        assertThat(complete.getText()).isEqualTo("Completed");
    }

    private static String rootMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.academy.base.InvalidRequestException) {
                return c.getMessage();
            }
        }
        return String.valueOf(t);
    }

    @Test
    void an_instructor_previews_the_quiz_without_a_form() {
        saveQuiz(false);
        open(world.instructorA(), "learn/" + cohort + "/lesson/" + lesson);
        assertThat(text("quiz-info")).contains("3 questions");
        assertThat(find(Button.class).withId("quiz-submit").exists()).isFalse();
        assertThat(find(Span.class).withId("quiz-status").exists()).isFalse();
    }

    @Test
    void a_lesson_without_a_quiz_has_no_quiz_panel() {
        open(world.studentA(), "learn/" + cohort + "/lesson/" + lesson);
        assertThat(find(Div.class).withId("quiz-review-1").exists()).isFalse();
        assertThat(find(Span.class).withId("quiz-info").exists()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_admin_adds_a_quiz_to_a_lesson_in_the_course_editor_and_edits_it_into_a_new_version() {
        open(world.admin(), "admin/courses/" + course);
        Grid<LessonSummary> lessons = find(Grid.class).withId("course-lessons").single();
        test(lessons).select(0);
        assertThat(text("quiz-summary")).isEqualTo("No quiz on this lesson.");

        test(find(Button.class).withId("quiz-edit").single()).click();
        test(find(IntegerField.class).withId("quiz-pass").single()).setValue(50);
        test(find(IntegerField.class).withId("quiz-attempts").single()).setValue(3);
        test((Select<Object>) find(Select.class).withId("quiz-counted").single()).selectItem("The last");
        test(find(Checkbox.class).withId("quiz-required").single()).click();
        test(find(TextArea.class).withId("quiz-prompt-1").single()).setValue("Capital of France?");
        test(find(TextArea.class).withId("quiz-options-1").single()).setValue("*Paris\nLyon\n\n");
        test(find(TextField.class).withId("quiz-explanation-1").single()).setValue("Since 508.");
        test(find(Button.class).withId("quiz-add-question").single()).click();
        test((Select<Object>) find(Select.class).withId("quiz-kind-2").single()).selectItem("Short exact answer");
        test(find(TextArea.class).withId("quiz-prompt-2").single()).setValue("Who wrote the first program?");
        test(find(TextArea.class).withId("quiz-options-2").single()).setValue("Ada Lovelace\nAda King");
        test(find(Button.class).withId("quiz-save").single()).click();

        assertThat(text("quiz-summary")).isEqualTo("Version 1 · 2 questions · pass mark 50 % · 3 attempts · "
                + "last attempt counts · required to complete the lesson · 0 attempts so far");
        QuizDefinition saved = Actors.as(world.admin(), () -> quizzes.quizForAuthor(course, lesson).orElseThrow());
        assertThat(saved.counted()).isEqualTo(CountedAttempt.LAST);
        assertThat(saved.questions().get(0).options()).containsExactly(new OptionDraft("Paris", true),
                new OptionDraft("Lyon", false));
        assertThat(saved.questions().get(1).kind()).isEqualTo(QuestionKind.SHORT);
        assertThat(saved.questions().get(1).options()).extracting(OptionDraft::label)
                .containsExactly("Ada Lovelace", "Ada King");

        // A learner's attempt, then an edit: a new version, and the dialog says past scores stay.
        Actors.as(world.studentA(), () -> {
            LearnerQuiz q = quizzes.quizFor(cohort, lesson).orElseThrow();
            return quizzes.submit(cohort, lesson, new QuizSubmission(q.versionId(), 1, List.of()));
        });
        Actors.login(world.admin());
        test(lessons).select(1);
        test(lessons).select(0);
        test(find(Button.class).withId("quiz-edit").single()).click();
        assertThat(text("quiz-versions-note")).contains("1 attempt was made", "past attempts keep their scores");
        assertThat(find(TextArea.class).withId("quiz-options-1").single().getValue()).isEqualTo("*Paris\nLyon");
        test(find(TextArea.class).withId("quiz-prompt-1").single()).setValue("Capital of Italy?");
        test(find(TextArea.class).withId("quiz-options-1").single()).setValue("Paris\n*Rome");
        test(find(Button.class).withId("quiz-save").single()).click();
        assertThat(text("quiz-summary")).startsWith("Version 2 · 2 questions").endsWith("1 attempt so far");
    }

    @Test
    void a_quiz_the_service_refuses_keeps_the_dialog_open_with_the_reason() {
        open(world.admin(), "admin/courses/" + course);
        test(find(Grid.class).withId("course-lessons").single()).select(0);
        test(find(Button.class).withId("quiz-edit").single()).click();
        test(find(TextArea.class).withId("quiz-prompt-1").single()).setValue("Which?");
        test(find(TextArea.class).withId("quiz-options-1").single()).setValue("*a\n*b");
        test(find(Button.class).withId("quiz-save").single()).click();

        assertThat(test(find(Notification.class).last()).getText()).contains("exactly one of them right");
        assertThat(find(Button.class).withId("quiz-save").exists()).as("the dialog stays open").isTrue();
        assertThat(Actors.as(world.admin(), () -> quizzes.quizForAuthor(course, lesson))).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_cohort_dashboard_shows_quiz_scores_and_updates_live_when_a_learner_submits() {
        saveQuiz(false);
        open(world.instructorA(), "cohorts/" + cohort);
        Grid<LearnerScores> grid = find(Grid.class).withId("quiz-grid").single();
        assertThat(test(grid).size()).isEqualTo(3);
        for (int row = 0; row < 3; row++) {
            assertThat(test(grid).getCellText(row, 1)).isEqualTo("not attempted");
        }
        assertThat(find(Div.class).withId("quiz-figure-" + lesson).single().getText())
                .isEqualTo("Lesson 1 · Lesson 1: average — of 0 learners · pass mark 60 %");

        Actors.as(world.studentA(), () -> {
            LearnerQuiz q = quizzes.quizFor(cohort, lesson).orElseThrow();
            long paris = q.questions().get(0).options().getFirst().id();
            return quizzes.submit(cohort, lesson, new QuizSubmission(q.versionId(), 1, List.of(
                    QuizAnswer.choice(q.questions().get(0).id(), paris),
                    QuizAnswer.text(q.questions().get(2).id(), "Ada Lovelace"))));
        });
        Actors.login(world.instructorA());
        int row = rowOf(grid, world.studentA().id());
        awaitPush("the learner's score on the dashboard", () -> test(grid).getCellText(row, 1).equals("66 % ✓"));
        assertThat(test(grid).getFooterCell(1)).isEqualTo("66 %");
        assertThat(find(Div.class).withId("quiz-figure-" + lesson).single().getText())
                .isEqualTo("Lesson 1 · Lesson 1: average 66 % of 1 learner · pass mark 60 % · "
                        + "hardest question: “Which are prime?” (0 % right)");
    }

    private int rowOf(Grid<LearnerScores> grid, long userId) {
        for (int i = 0; i < test(grid).size(); i++) {
            if (test(grid).getRow(i).userId() == userId) {
                return i;
            }
        }
        throw new AssertionError("no row for " + userId);
    }
}
