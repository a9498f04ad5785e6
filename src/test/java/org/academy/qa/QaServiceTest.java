package org.academy.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class QaServiceTest {

    @Autowired
    QaService qa;
    @Autowired
    LiveSessionService liveSessions;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Sessions sessions;
    @Autowired
    JdbcClient jdbc;

    World world;
    SessionSummary session;

    @BeforeEach
    void setUp() {
        world = fixtures.world();
        session = sessions.liveSessionOfA(world);
    }

    QuestionView ask(int student, String text, boolean anonymous) {
        return as(world.studentsA().get(student), () -> qa.ask(session.id(), text, anonymous));
    }

    long questionCount() {
        return jdbc.sql("select count(*) from question where session_id = ?").param(session.id()).query(Long.class).single();
    }

    @Test
    void empty_and_overlong_questions_are_refused_and_nothing_is_stored() {
        assertThatThrownBy(() -> ask(0, "   ", false)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ask(0, "x".repeat(1000), false)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("500");
        assertThat(questionCount()).isZero();
        assertThat(ask(0, "x".repeat(500), false).text()).hasSize(500);
    }

    @Test
    void anonymous_questions_hide_the_author_from_other_learners_but_not_from_staff() {
        QuestionView q = ask(0, "Is temperature the same as randomness?", true);
        assertThat(q.authorName()).isNotNull();

        QuestionView seenByPeer = as(world.studentsA().get(1), () -> qa.questions(session.id(), QuestionOrder.TOP)).getFirst();
        QuestionView seenByStaff = as(world.instructorA(), () -> qa.questions(session.id(), QuestionOrder.TOP)).getFirst();
        assertThat(seenByPeer.authorName()).isNull();
        assertThat(seenByPeer.anonymous()).isTrue();
        assertThat(seenByStaff.authorName()).isEqualTo(world.studentA().displayName());
    }

    @Test
    void a_question_is_upvoted_once_per_person_never_by_its_author() throws Exception {
        QuestionView q = ask(0, "How long is the context window?", false);
        assertThatThrownBy(() -> as(world.studentA(), () -> qa.upvote(q.id()))).isInstanceOf(InvalidRequestException.class);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> clicks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            clicks.add(pool.submit(() -> {
                go.await();
                return as(world.studentsA().get(1), () -> qa.upvote(q.id()));
            }));
        }
        go.countDown();
        int counted = 0;
        for (Future<Boolean> f : clicks) {
            counted += f.get() ? 1 : 0;
        }
        pool.shutdown();
        as(world.studentsA().get(2), () -> qa.upvote(q.id()));

        assertThat(counted).isEqualTo(1);
        QuestionView after = as(world.instructorA(), () -> qa.questions(session.id(), QuestionOrder.TOP)).getFirst();
        assertThat(after.upvotes()).isEqualTo(2);
    }

    @Test
    void top_order_puts_pinned_first_then_most_upvoted() {
        QuestionView a = ask(0, "First?", false);
        QuestionView b = ask(1, "Second?", false);
        QuestionView c = ask(2, "Third?", false);
        as(world.studentsA().get(0), () -> qa.upvote(b.id()));
        as(world.studentsA().get(2), () -> qa.upvote(b.id()));
        as(world.instructorA(), () -> qa.setPinned(c.id(), true));

        List<Long> top = as(world.studentA(), () -> qa.questions(session.id(), QuestionOrder.TOP)).stream().map(QuestionView::id).toList();
        List<Long> newest = as(world.studentA(), () -> qa.questions(session.id(), QuestionOrder.NEWEST)).stream().map(QuestionView::id).toList();
        assertThat(top).containsExactly(c.id(), b.id(), a.id());
        assertThat(newest).containsExactly(c.id(), b.id(), a.id());
    }

    @Test
    void in_a_moderated_session_questions_reach_the_cohort_only_once_approved() {
        as(world.instructorA(), () -> liveSessions.setQaModerated(session.id(), true));
        QuestionView q = ask(0, "Can we see the slides later?", false);
        assertThat(q.status()).isEqualTo(QuestionStatus.PENDING);

        assertThat(as(world.studentsA().get(1), () -> qa.questions(session.id(), QuestionOrder.TOP))).isEmpty();
        assertThat(as(world.studentA(), () -> qa.questions(session.id(), QuestionOrder.TOP))).hasSize(1);
        assertThatThrownBy(() -> as(world.studentsA().get(1), () -> qa.upvote(q.id()))).isInstanceOf(NotFoundException.class);

        as(world.instructorA(), () -> qa.approve(q.id()));
        assertThat(as(world.studentsA().get(1), () -> qa.questions(session.id(), QuestionOrder.TOP))).hasSize(1);
    }

    @Test
    void hidden_questions_disappear_for_learners_and_cannot_be_upvoted() {
        QuestionView q = ask(0, "Off-topic question", false);
        as(world.instructorA(), () -> qa.hide(q.id()));
        assertThat(as(world.studentsA().get(1), () -> qa.questions(session.id(), QuestionOrder.TOP))).isEmpty();
        assertThatThrownBy(() -> as(world.studentsA().get(1), () -> qa.upvote(q.id()))).isInstanceOf(NotFoundException.class);
        assertThat(as(world.instructorA(), () -> qa.questions(session.id(), QuestionOrder.TOP)).getFirst().status())
                .isEqualTo(QuestionStatus.HIDDEN);
    }

    @Test
    void instructors_answer_in_text_and_mark_answered() {
        QuestionView q = ask(0, "What is RAG?", false);
        QuestionView answered = as(world.instructorA(), () -> qa.answer(q.id(), "Retrieval-augmented generation."));
        assertThat(answered.answered()).isTrue();
        assertThat(as(world.studentsA().get(1), () -> qa.questions(session.id(), QuestionOrder.TOP)).getFirst().answer())
                .isEqualTo("Retrieval-augmented generation.");
        as(world.instructorA(), () -> qa.setAnswered(q.id(), false));
        assertThat(as(world.instructorA(), () -> qa.questions(session.id(), QuestionOrder.TOP)).getFirst().answered()).isFalse();
    }

    @Test
    void learners_and_other_cohorts_cannot_moderate_or_ask_there() {
        QuestionView q = ask(0, "Question", false);
        assertThatThrownBy(() -> as(world.studentsA().get(1), () -> qa.hide(q.id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(world.studentsA().get(1), () -> qa.answer(q.id(), "me"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(world.instructorB(), () -> qa.setPinned(q.id(), true))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(world.studentB(), () -> qa.ask(session.id(), "Let me in", false))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(world.studentB(), () -> qa.questions(session.id(), QuestionOrder.TOP))).isInstanceOf(NotFoundException.class);
        QuestionView after = as(world.instructorA(), () -> qa.questions(session.id(), QuestionOrder.TOP)).getFirst();
        assertThat(after.status()).isEqualTo(QuestionStatus.VISIBLE);
        assertThat(after.pinned()).isFalse();
        assertThat(after.answer()).isNull();
        assertThat(questionCount()).isEqualTo(1);
    }

    @Test
    void a_flooding_learner_is_stopped_and_others_still_ask() {
        for (int i = 0; i < 5; i++) {
            ask(0, "Question " + i, false);
        }
        assertThatThrownBy(() -> ask(0, "One too many", false)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("wait");
        assertThat(ask(1, "My first question", false)).isNotNull();
        assertThat(questionCount()).isEqualTo(6);
    }

    @Test
    void after_the_end_no_question_no_upvote_and_no_moderation_change_the_final_summary() {
        QuestionView q = ask(0, "Will the slides be shared?", false);
        as(world.instructorA(), () -> liveSessions.end(session.id()));

        assertThatThrownBy(() -> ask(1, "One more?", false)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ended");
        assertThatThrownBy(() -> as(world.studentsA().get(1), () -> qa.upvote(q.id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ended");
        assertThatThrownBy(() -> as(world.instructorA(), () -> qa.answer(q.id(), "Later")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ended");
        assertThatThrownBy(() -> as(world.instructorA(), () -> qa.hide(q.id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ended");
        // Outsiders still learn nothing: not found, as before the end.
        assertThatThrownBy(() -> as(world.studentB(), () -> qa.upvote(q.id()))).isInstanceOf(NotFoundException.class);

        assertThat(questionCount()).isEqualTo(1);
        QuestionView after = as(world.instructorA(), () -> qa.questions(session.id(), QuestionOrder.TOP)).getFirst();
        assertThat(after.upvotes()).isZero();
        assertThat(after.answered()).isFalse();
        assertThat(after.status()).isEqualTo(QuestionStatus.VISIBLE);
    }

    @Test
    void questions_and_answers_of_invisible_or_broken_characters_are_refused_and_nothing_is_stored() {
        assertThatThrownBy(() -> ask(0, "\u200B\u00A0\u3164\uFEFF", false)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Write your question");
        assertThatThrownBy(() -> ask(0, "nul\u0000here", false)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> ask(0, "half \uD83D", false)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("broken character");
        assertThat(questionCount()).isZero();

        QuestionView q = ask(0, "A real question", false);
        assertThatThrownBy(() -> as(world.instructorA(), () -> qa.answer(q.id(), "\u3164\u200B")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("1 to 2000");
        assertThatThrownBy(() -> as(world.instructorA(), () -> qa.answer(q.id(), "\u0000")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("control character");
        assertThat(as(world.instructorA(), () -> qa.questions(session.id(), QuestionOrder.TOP)).getFirst().answer()).isNull();
    }
}
