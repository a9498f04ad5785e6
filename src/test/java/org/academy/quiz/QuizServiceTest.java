package org.academy.quiz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.push.Subscription;
import org.academy.base.push.TopicHub;
import org.academy.identity.PersonSummary;
import org.academy.progress.ProgressService;
import org.academy.testing.Eventually;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class QuizServiceTest {

    @Autowired
    QuizService quizzes;
    @Autowired
    ProgressService progress;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TopicHub hub;

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

    /** Capital (single), primes (multiple: 2 and 3 of 2, 3, 4), first programmer (short). */
    static QuizDraft draft(int passPercent, Integer maxAttempts, CountedAttempt counted, boolean required) {
        return new QuizDraft(passPercent, maxAttempts, counted, required, List.of(
                new QuestionDraft(QuestionKind.SINGLE, "Capital of France?",
                        List.of(new OptionDraft("Paris", true), new OptionDraft("Lyon", false)), "Paris, since 508."),
                new QuestionDraft(QuestionKind.MULTIPLE, "Which are prime?",
                        List.of(new OptionDraft("2", true), new OptionDraft("3", true), new OptionDraft("4", false)),
                        "4 = 2 × 2."),
                new QuestionDraft(QuestionKind.SHORT, "Who wrote the first program?",
                        List.of(new OptionDraft("Ada Lovelace", true)), "")));
    }

    QuizDefinition save(QuizDraft draft) {
        return as(world.admin(), () -> quizzes.saveQuiz(course, lesson, draft));
    }

    LearnerQuiz shown(PersonSummary p) {
        return as(p, () -> quizzes.quizFor(cohort, lesson).orElseThrow());
    }

    long option(LearnerQuiz q, int question, String label) {
        return q.questions().get(question).options().stream().filter(o -> o.label().equals(label)).findFirst()
                .orElseThrow().id();
    }

    /** Answers: right or wrong per question, in order. */
    QuizSubmission answers(LearnerQuiz q, boolean single, boolean multiple, String shortAnswer) {
        return new QuizSubmission(q.versionId(), q.nextAttemptNumber(), List.of(
                QuizAnswer.choice(q.questions().get(0).id(), option(q, 0, single ? "Paris" : "Lyon")),
                multiple ? QuizAnswer.choice(q.questions().get(1).id(), option(q, 1, "2"), option(q, 1, "3"))
                        : QuizAnswer.choice(q.questions().get(1).id(), option(q, 1, "2")),
                QuizAnswer.text(q.questions().get(2).id(), shortAnswer)));
    }

    LearnerQuiz submit(PersonSummary p, boolean single, boolean multiple, String shortAnswer) {
        return as(p, () -> {
            LearnerQuiz q = quizzes.quizFor(cohort, lesson).orElseThrow();
            return quizzes.submit(cohort, lesson, answers(q, single, multiple, shortAnswer));
        });
    }

    long attempts() {
        return jdbc.sql("select count(*) from quiz_attempt a join quiz q on q.id = a.quiz_id where q.lesson_id = ?")
                .param(lesson).query(Long.class).single();
    }

    long answerRows() {
        return jdbc.sql("""
                select count(*) from quiz_answer qa join quiz_attempt a on a.id = qa.attempt_id
                join quiz q on q.id = a.quiz_id where q.lesson_id = ?""").param(lesson).query(Long.class).single();
    }

    @Test
    void a_scored_attempt_notifies_only_its_learner_once() {
        save(draft(60, null, CountedAttempt.LAST, false));
        submit(world.studentA(), true, true, "Ada Lovelace");
        submit(world.studentsA().get(1), false, false, "nobody");
        List<String> mine = jdbc.sql("select text from notification where user_id = ? and kind = 'QUIZ_SCORED'")
                .param(world.studentA().id()).query(String.class).list();
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst()).contains("100 %").contains("passed");
        assertThat(jdbc.sql("select text from notification where user_id = ? and kind = 'QUIZ_SCORED'")
                .param(world.studentsA().get(1).id()).query(String.class).single()).contains("0 %").doesNotContain("passed");
        assertThat(jdbc.sql("select count(*) from notification where kind = 'QUIZ_SCORED' and user_id = ?")
                .param(world.instructorA().id()).query(Long.class).single()).isZero();
    }

    @Test
    void each_question_kind_is_scored_on_the_server_and_short_answers_ignore_case_and_spacing() {
        save(draft(60, null, CountedAttempt.LAST, false));

        LearnerQuiz allRight = submit(world.studentA(), true, true, "  ada   LOVELACE ");
        assertThat(allRight.latest().scorePercent()).isEqualTo(100);
        assertThat(allRight.latest().answers()).extracting(AnswerReview::correct).containsExactly(true, true, true);
        assertThat(allRight.latest().answers().get(0).explanation()).isEqualTo("Paris, since 508.");
        assertThat(allRight.latest().answers().get(2).yourAnswer()).isEqualTo("ada   LOVELACE");
        assertThat(allRight.passed()).isTrue();

        // Multiple choice is right only with exactly the right options: one of two is wrong.
        LearnerQuiz partly = submit(world.studentsA().get(1), true, false, "Charles Babbage");
        assertThat(partly.latest().answers()).extracting(AnswerReview::correct).containsExactly(true, false, false);
        assertThat(partly.latest().scorePercent()).isEqualTo(33);
        assertThat(partly.latest().passed()).isFalse();

        LearnerQuiz wrongChoice = submit(world.studentsA().get(2), false, true, "Lovelace, Ada");
        assertThat(wrongChoice.latest().answers()).extracting(AnswerReview::correct).containsExactly(false, true, false);
        assertThat(wrongChoice.latest().answers().get(0).yourAnswer()).isEqualTo("Lyon");
    }

    @Test
    void unanswered_questions_count_as_wrong() {
        save(draft(0, null, CountedAttempt.LAST, false));
        LearnerQuiz q = shown(world.studentA());
        LearnerQuiz after = as(world.studentA(), () -> quizzes.submit(cohort, lesson,
                new QuizSubmission(q.versionId(), 1, List.of())));
        assertThat(after.latest().correctCount()).isZero();
        assertThat(after.latest().passed()).as("a pass mark of 0 passes anything").isTrue();
        assertThat(answerRows()).isEqualTo(3);
    }

    @Test
    void the_best_attempt_counts_when_the_quiz_says_best() {
        save(draft(60, null, CountedAttempt.BEST, false));
        submit(world.studentA(), true, true, "Ada Lovelace");
        LearnerQuiz after = submit(world.studentA(), false, false, "no idea");
        assertThat(after.latest().scorePercent()).isZero();
        assertThat(after.countedPercent()).isEqualTo(100);
        assertThat(after.passed()).isTrue();
        assertThat(after.attemptsUsed()).isEqualTo(2);
    }

    @Test
    void the_last_attempt_counts_when_the_quiz_says_last() {
        save(draft(60, null, CountedAttempt.LAST, false));
        submit(world.studentA(), true, true, "Ada Lovelace");
        LearnerQuiz after = submit(world.studentA(), false, false, "no idea");
        assertThat(after.countedPercent()).isZero();
        assertThat(after.passed()).isFalse();
    }

    @Test
    void an_attempt_past_the_limit_is_refused_and_nothing_is_stored() {
        save(draft(60, 2, CountedAttempt.BEST, false));
        submit(world.studentA(), false, false, "x");
        LearnerQuiz second = submit(world.studentA(), false, false, "y");
        assertThat(second.canTake()).isFalse();
        assertThat(second.attemptsLeft()).isZero();

        assertThatThrownBy(() -> submit(world.studentA(), true, true, "Ada Lovelace"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("used all 2 attempts");
        assertThat(attempts()).isEqualTo(2);
        assertThat(answerRows()).isEqualTo(6);
    }

    @Test
    void submitting_the_same_attempt_twice_at_once_counts_one_attempt() throws Exception {
        save(draft(60, null, CountedAttempt.BEST, false));
        LearnerQuiz q = shown(world.studentA());
        QuizSubmission same = answers(q, true, true, "Ada Lovelace");
        int threads = 4;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit((Callable<String>) () -> as(world.studentA(), () -> {
                    ready.countDown();
                    try {
                        go.await();
                        quizzes.submit(cohort, lesson, same);
                        return "recorded";
                    } catch (InvalidRequestException refused) {
                        return refused.getMessage();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                })));
            }
            ready.await();
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get());
            }
            assertThat(results).containsOnlyOnce("recorded");
            assertThat(results).filteredOn(r -> !r.equals("recorded")).containsOnly(QuizService.ALREADY_SUBMITTED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(attempts()).isEqualTo(1);
        assertThat(answerRows()).isEqualTo(3);
        // A later resubmission of the page already submitted (the second tab) is refused too.
        assertThatThrownBy(() -> as(world.studentA(), () -> quizzes.submit(cohort, lesson, same)))
                .hasMessage(QuizService.ALREADY_SUBMITTED);
        assertThat(attempts()).isEqualTo(1);
    }

    @Test
    void editing_a_quiz_keeps_past_scores_and_their_questions() {
        save(draft(60, null, CountedAttempt.BEST, false));
        submit(world.studentA(), true, true, "Ada Lovelace");
        LearnerQuiz before = shown(world.studentA());

        // The author changes the right answer of the first question and raises the pass mark.
        QuizDraft changed = draft(100, null, CountedAttempt.BEST, false);
        List<QuestionDraft> questions = new ArrayList<>(changed.questions());
        questions.set(0, new QuestionDraft(QuestionKind.SINGLE, "Capital of Italy?",
                List.of(new OptionDraft("Paris", false), new OptionDraft("Rome", true)), ""));
        QuizDefinition edited = save(new QuizDraft(100, null, CountedAttempt.BEST, false, questions));
        assertThat(edited.version()).isEqualTo(2);
        assertThat(edited.attemptCount()).isEqualTo(1);

        LearnerQuiz after = shown(world.studentA());
        assertThat(after.versionId()).isNotEqualTo(before.versionId());
        assertThat(after.questions().getFirst().prompt()).isEqualTo("Capital of Italy?");
        assertThat(after.countedPercent()).isEqualTo(100);
        assertThat(after.passed()).isTrue();
        assertThat(after.latest().version()).isEqualTo(1);
        assertThat(after.latest().answers().getFirst().prompt()).isEqualTo("Capital of France?");
        assertThat(after.latest().answers().getFirst().correct()).isTrue();

        // The page shown before the edit is refused, not scored against questions it did not show.
        QuizSubmission stale = answers(before, true, true, "Ada Lovelace");
        assertThatThrownBy(() -> as(world.studentA(), () -> quizzes.submit(cohort, lesson, stale)))
                .hasMessage(QuizService.CHANGED);
        assertThat(attempts()).isEqualTo(1);
    }

    @Test
    void answers_to_questions_or_options_not_in_the_quiz_are_refused_and_nothing_is_stored() {
        save(draft(60, null, CountedAttempt.BEST, false));
        LearnerQuiz q = shown(world.studentA());
        long q1 = q.questions().get(0).id();
        long q2 = q.questions().get(1).id();
        long foreignOption = option(q, 1, "2");
        List<QuizSubmission> bad = List.of(
                new QuizSubmission(q.versionId(), 1, List.of(QuizAnswer.choice(q1 + 100_000, 1L))),
                new QuizSubmission(q.versionId(), 1, List.of(QuizAnswer.choice(q1, foreignOption))),
                new QuizSubmission(q.versionId(), 1, List.of(QuizAnswer.choice(q1, option(q, 0, "Paris")),
                        QuizAnswer.choice(q1, option(q, 0, "Lyon")))),
                new QuizSubmission(q.versionId(), 1, List.of(QuizAnswer.text(q2, "2"))),
                new QuizSubmission(q.versionId(), 1, List.of(QuizAnswer.choice(q1, option(q, 0, "Paris"),
                        option(q, 0, "Lyon")))));
        for (QuizSubmission s : bad) {
            assertThatThrownBy(() -> as(world.studentA(), () -> quizzes.submit(cohort, lesson, s)))
                    .isInstanceOf(InvalidRequestException.class);
        }
        assertThat(attempts()).isZero();
    }

    @Test
    void html_in_a_short_answer_is_refused_with_a_clear_message_and_nothing_is_stored() {
        save(draft(60, null, CountedAttempt.BEST, false));
        for (String html : List.of("<b>Ada</b>", "Ada <script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                "<!-- x -->Ada")) {
            assertThatThrownBy(() -> submit(world.studentA(), true, true, html))
                    .isInstanceOf(InvalidRequestException.class).hasMessage(QuizService.HTML_IN_ANSWER);
        }
        assertThat(attempts()).isZero();
        // A "<" before a space or a digit is a comparison, not markup.
        LearnerQuiz ok = submit(world.studentA(), true, true, "1 < 2");
        assertThat(ok.latest().answers().get(2).yourAnswer()).isEqualTo("1 < 2");
        LearnerQuiz words = submit(world.studentA(), true, true, "if a < b then");
        assertThat(words.latest().answers().get(2).yourAnswer()).isEqualTo("if a < b then");
    }

    @Test
    void a_learner_of_another_cohort_and_staff_cannot_submit_and_nothing_is_stored() {
        save(draft(60, null, CountedAttempt.BEST, false));
        LearnerQuiz q = shown(world.studentA());
        QuizSubmission s = answers(q, true, true, "Ada Lovelace");
        for (PersonSummary p : List.of(world.studentB(), world.instructorA(), world.admin(), world.instructorB())) {
            assertThatThrownBy(() -> as(p, () -> quizzes.submit(cohort, lesson, s)))
                    .isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> as(world.studentB(), () -> quizzes.quizFor(cohort, lesson)))
                .isInstanceOf(NotFoundException.class);
        assertThat(attempts()).isZero();
        // Staff see the questions but take nothing.
        LearnerQuiz staffView = as(world.instructorA(), () -> quizzes.quizFor(cohort, lesson).orElseThrow());
        assertThat(staffView.canTake()).isFalse();
        assertThat(staffView.questions()).hasSize(3);
    }

    @Test
    void a_quiz_with_bad_questions_is_refused_with_a_clear_message() {
        QuizDraft twoRight = new QuizDraft(50, 1, CountedAttempt.BEST, false, List.of(new QuestionDraft(
                QuestionKind.SINGLE, "Which?", List.of(new OptionDraft("a", true), new OptionDraft("b", true)), "")));
        assertThatThrownBy(() -> save(twoRight)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("exactly one of them right");
        assertThatThrownBy(() -> save(new QuizDraft(120, 1, CountedAttempt.BEST, false, draft(0, 1, CountedAttempt.BEST,
                false).questions()))).hasMessageContaining("pass mark");
        assertThatThrownBy(() -> save(new QuizDraft(50, 0, CountedAttempt.BEST, false, draft(0, 1, CountedAttempt.BEST,
                false).questions()))).hasMessageContaining("Attempts allowed");
        assertThat(as(world.admin(), () -> quizzes.quizForAuthor(course, lesson))).isEmpty();
    }

    @Test
    void a_required_quiz_must_be_passed_before_the_lesson_can_be_marked_complete() {
        save(draft(60, null, CountedAttempt.BEST, true));
        assertThatThrownBy(() -> as(world.studentA(), () -> progress.markComplete(cohort, lesson)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Pass this lesson's quiz (pass mark 60 %) before marking the lesson complete.");
        submit(world.studentA(), false, false, "x");
        assertThatThrownBy(() -> as(world.studentA(), () -> progress.markComplete(cohort, lesson)))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(jdbc.sql("select count(*) from lesson_completion where user_id = ?").param(world.studentA().id())
                .query(Long.class).single()).isZero();

        submit(world.studentA(), true, true, "Ada Lovelace");
        assertThat(as(world.studentA(), () -> progress.markComplete(cohort, lesson)).newlyCompleted()).isTrue();
    }

    @Test
    void a_quiz_that_is_not_required_does_not_hold_completion_back() {
        save(draft(60, null, CountedAttempt.BEST, false));
        assertThat(as(world.studentA(), () -> progress.markComplete(cohort, lesson)).newlyCompleted()).isTrue();
    }

    @Test
    void the_cohort_picture_has_each_learners_counted_score_the_average_and_the_hardest_question() {
        save(draft(60, null, CountedAttempt.BEST, false));
        submit(world.studentA(), true, true, "Ada Lovelace");          // 100
        submit(world.studentsA().get(1), true, false, "Ada Lovelace"); // 66: multiple wrong
        CohortQuizzes picture = as(world.instructorA(), () -> quizzes.cohortQuizzes(cohort));

        assertThat(picture.quizzes()).hasSize(1);
        QuizColumn column = picture.quizzes().getFirst();
        assertThat(column.lessonId()).isEqualTo(lesson);
        assertThat(column.averagePercent()).isEqualTo(83);
        assertThat(column.attemptedCount()).isEqualTo(2);
        assertThat(column.hardestQuestion()).isEqualTo("Which are prime?");
        assertThat(column.hardestRightPercent()).isEqualTo(50);
        LearnerScores third = picture.learners().stream().filter(l -> l.userId() == world.studentsA().get(2).id())
                .findFirst().orElseThrow();
        assertThat(third.byQuiz()).as("not attempted").isEmpty();
        LearnerScores first = picture.learners().stream().filter(l -> l.userId() == world.studentA().id())
                .findFirst().orElseThrow();
        assertThat(first.byQuiz().get(column.quizId())).isEqualTo(new LearnerScore(100, true, 1));

        for (PersonSummary p : List.of(world.studentA(), world.instructorB(), world.studentB())) {
            assertThatThrownBy(() -> as(p, () -> quizzes.cohortQuizzes(cohort))).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void a_submission_is_pushed_to_the_cohorts_quiz_topic_after_it_commits() {
        save(draft(60, null, CountedAttempt.BEST, false));
        List<QuizSubmitted> pushed = Collections.synchronizedList(new ArrayList<>());
        try (Subscription ignored = hub.subscribe(QuizTopics.cohort(cohort), pushed::addAll)) {
            assertThatThrownBy(() -> submit(world.studentA(), true, true, "<b>x</b>"));
            LearnerQuiz after = submit(world.studentA(), true, true, "Ada Lovelace");
            Eventually.await("the submission is pushed", java.time.Duration.ofSeconds(10), () -> !pushed.isEmpty());
            assertThat(pushed).hasSize(1);
            assertThat(pushed.getFirst().attemptId()).isEqualTo(after.latest().attemptId());
        }
    }

    @Test
    void scoring_latency_from_submit_to_result() {
        save(draft(60, null, CountedAttempt.BEST, false));
        int rounds = 200;
        long[] nanos = new long[rounds];
        as(world.studentA(), () -> {
            LearnerQuiz q = quizzes.quizFor(cohort, lesson).orElseThrow();
            for (int i = 0; i < rounds; i++) {
                QuizSubmission s = answers(q, i % 2 == 0, true, "Ada Lovelace");
                long start = System.nanoTime();
                q = quizzes.submit(cohort, lesson, s);
                nanos[i] = System.nanoTime() - start;
                assertThat(q.latest().number()).isEqualTo(i + 1);
            }
        });
        long[] warm = java.util.Arrays.copyOfRange(nanos, 20, rounds);
        java.util.Arrays.sort(warm);
        double median = warm[warm.length / 2] / 1e6;
        double p95 = warm[(int) (warm.length * 0.95)] / 1e6;
        double max = warm[warm.length - 1] / 1e6;
        System.out.printf("QUIZ SCORING LATENCY: submit to scored result (3 questions, %d submissions after 20 "
                + "warm-up, real PostgreSQL): median %.1f ms, p95 %.1f ms, max %.1f ms%n", warm.length, median, p95, max);
        assertThat(p95).as("results within seconds, not 5-15 s").isLessThan(1000);
    }
}
