package org.academy.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.push.Subscription;
import org.academy.base.push.TopicHub;
import org.academy.identity.PersonSummary;
import org.academy.livesession.SessionSummary;
import org.academy.testing.Eventually;
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
class PollServiceTest {

    @Autowired
    PollService polls;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Sessions sessions;
    @Autowired
    TopicHub hub;
    @Autowired
    JdbcClient jdbc;

    World world;
    SessionSummary session;

    @BeforeEach
    void setUp() {
        world = fixtures.world();
        session = sessions.liveSessionOfA(world);
    }

    PollView create(String question, boolean multiple, Set<Integer> correct, String... options) {
        return as(world.instructorA(), () -> polls.create(session.id(), new NewPoll(question, List.of(options), multiple, correct)));
    }

    PollView openPoll() {
        PollView p = create("Which model family did you use?", false, Set.of(), "GPT", "Claude", "Gemini", "Other");
        return as(world.instructorA(), () -> polls.open(p.id()));
    }

    long option(PollView p, int index) {
        return p.options().get(index).id();
    }

    long pollCount() {
        return jdbc.sql("select count(*) from poll where session_id = ?").param(session.id()).query(Long.class).single();
    }

    Map<Long, Integer> storedTally(long pollId) {
        Map<Long, Integer> tally = new HashMap<>();
        jdbc.sql("select o, count(*) from poll_ballot b, unnest(b.option_ids) o where b.poll_id = ? group by o")
                .param(pollId).query((rs, i) -> tally.put(rs.getLong(1), rs.getInt(2))).list();
        return tally;
    }

    @Test
    void a_poll_needs_a_question_and_two_to_ten_distinct_options() {
        assertThatThrownBy(() -> create("Q?", false, Set.of(), "only one")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("2 to 10 options");
        assertThatThrownBy(() -> create("Q?", false, Set.of(), "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> create("Q?", false, Set.of())).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> create("  ", false, Set.of(), "a", "b")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> create("Q?", false, Set.of(), "Yes", "yes")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> create("Q?", false, Set.of(0, 1), "a", "b")).isInstanceOf(InvalidRequestException.class);
        assertThat(pollCount()).isZero();
        assertThat(create("Q?", false, Set.of(), "1", "2", "3", "4", "5", "6", "7", "8", "9", "10").options()).hasSize(10);
    }

    @Test
    void learners_cannot_call_instructor_actions_and_nothing_changes() {
        PollView p = openPoll();
        assertThatThrownBy(() -> as(world.studentA(), () -> polls.create(session.id(),
                new NewPoll("Mine?", List.of("a", "b"), false, Set.of())))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(world.studentA(), () -> polls.close(p.id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(world.studentA(), () -> polls.setResultsVisible(p.id(), true))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(world.instructorB(), () -> polls.close(p.id()))).isInstanceOf(NotFoundException.class);
        PollView after = as(world.instructorA(), () -> polls.polls(session.id())).getFirst();
        assertThat(after.status()).isEqualTo(PollStatus.OPEN);
        assertThat(after.resultsVisible()).isFalse();
        assertThat(pollCount()).isEqualTo(1);
    }

    @Test
    void a_learner_may_change_their_vote_while_open_and_the_last_one_counts() {
        PollView p = openPoll();
        as(world.studentA(), () -> polls.vote(p.id(), Set.of(option(p, 0))));
        PollView mine = as(world.studentA(), () -> polls.vote(p.id(), Set.of(option(p, 1))));

        assertThat(mine.myChoice()).containsExactly(option(p, 1));
        assertThat(storedTally(p.id())).containsExactly(Map.entry(option(p, 1), 1));
    }

    @Test
    void voting_on_a_draft_or_closed_poll_or_another_cohorts_poll_is_refused() {
        PollView draft = create("Draft?", false, Set.of(), "a", "b");
        assertThatThrownBy(() -> as(world.studentA(), () -> polls.vote(draft.id(), Set.of(option(draft, 0)))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("closed");

        PollView p = openPoll();
        as(world.instructorA(), () -> polls.close(p.id()));
        assertThatThrownBy(() -> as(world.studentA(), () -> polls.vote(p.id(), Set.of(option(p, 0)))))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> as(world.studentB(), () -> polls.vote(p.id(), Set.of(option(p, 0)))))
                .isInstanceOf(NotFoundException.class);
        assertThat(storedTally(p.id())).isEmpty();
    }

    @Test
    void single_choice_takes_one_option_of_this_poll_and_multiple_choice_several() {
        PollView single = openPoll();
        PollView other = openPoll();
        assertThatThrownBy(() -> as(world.studentA(), () -> polls.vote(single.id(), Set.of(option(single, 0), option(single, 1)))))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> as(world.studentA(), () -> polls.vote(single.id(), Set.of(option(other, 0)))))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> as(world.studentA(), () -> polls.vote(single.id(), Set.of())))
                .isInstanceOf(InvalidRequestException.class);

        PollView multi = create("Which apply?", true, Set.of(0, 2), "a", "b", "c");
        as(world.instructorA(), () -> polls.open(multi.id()));
        as(world.studentA(), () -> polls.vote(multi.id(), Set.of(option(multi, 0), option(multi, 2))));
        assertThat(storedTally(multi.id())).containsOnly(Map.entry(option(multi, 0), 1), Map.entry(option(multi, 2), 1));
    }

    @Test
    void learners_see_results_and_correct_answers_only_once_revealed_staff_always() {
        PollView quiz = create("2 + 2?", false, Set.of(1), "3", "4");
        as(world.instructorA(), () -> polls.open(quiz.id()));
        as(world.studentA(), () -> polls.vote(quiz.id(), Set.of(option(quiz, 1))));

        PollView learner = as(world.studentsA().get(1), () -> polls.polls(session.id())).getFirst();
        assertThat(learner.resultsShown()).isFalse();
        assertThat(learner.options()).allSatisfy(o -> {
            assertThat(o.votes()).isNull();
            assertThat(o.correct()).isNull();
        });
        PollView staff = as(world.instructorA(), () -> polls.polls(session.id())).getFirst();
        assertThat(staff.voters()).isEqualTo(1);
        assertThat(staff.options().get(1).correct()).isTrue();

        as(world.instructorA(), () -> polls.setResultsVisible(quiz.id(), true));
        PollView revealed = as(world.studentsA().get(1), () -> polls.polls(session.id())).getFirst();
        assertThat(revealed.options().get(1).votes()).isEqualTo(1);
        assertThat(revealed.options().get(1).percent()).isEqualTo(100);
        assertThat(revealed.options().get(1).correct()).isTrue();
        assertThat(revealed.quiz()).isTrue();
    }

    @Test
    void drafts_are_invisible_to_learners() {
        create("Secret draft?", false, Set.of(), "a", "b");
        assertThat(as(world.studentA(), () -> polls.polls(session.id()))).isEmpty();
        assertThat(as(world.instructorA(), () -> polls.polls(session.id()))).hasSize(1);
    }

    @Test
    void reopening_keeps_votes_and_a_rerun_starts_fresh_while_keeping_the_old_results() {
        PollView p = openPoll();
        as(world.studentA(), () -> polls.vote(p.id(), Set.of(option(p, 2))));
        as(world.instructorA(), () -> polls.close(p.id()));
        PollView reopened = as(world.instructorA(), () -> polls.open(p.id()));
        assertThat(reopened.voters()).isEqualTo(1);
        assertThat(reopened.run()).isEqualTo(1);

        PollView rerun = as(world.instructorA(), () -> polls.rerun(p.id()));
        assertThat(rerun.run()).isEqualTo(2);
        assertThat(rerun.voters()).isZero();
        assertThat(rerun.status()).isEqualTo(PollStatus.OPEN);
        assertThat(as(world.instructorA(), () -> polls.tally(p.id(), 1))).containsExactly(Map.entry(option(p, 2), 1));
        as(world.studentA(), () -> polls.vote(p.id(), Set.of(option(p, 0))));
        assertThat(as(world.instructorA(), () -> polls.tally(p.id(), 2))).containsExactly(Map.entry(option(p, 0), 1));
    }

    @Test
    void double_clicks_and_two_tabs_count_one_ballot() throws Exception {
        PollView p = openPoll();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> clicks = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            clicks.add(pool.submit(() -> {
                go.await();
                return as(world.studentA(), () -> polls.vote(p.id(), Set.of(option(p, 3))));
            }));
        }
        go.countDown();
        for (Future<?> f : clicks) {
            f.get();
        }
        pool.shutdown();
        assertThat(storedTally(p.id())).containsExactly(Map.entry(option(p, 3), 1));
    }

    @Test
    void a_thousand_concurrent_votes_are_all_counted_exactly_and_every_watching_view_ends_on_that_tally() throws Exception {
        List<PersonSummary> voters = fixtures.addLearners(world, 1000);
        PollView p = openPoll();

        // Fifty "views" of the poll: each reloads the poll from the service on every push, as the panel does.
        int views = 50;
        Map<Integer, Map<Long, Integer>> shown = new ConcurrentHashMap<>();
        List<Subscription> subscriptions = new ArrayList<>();
        for (int v = 0; v < views; v++) {
            int view = v;
            subscriptions.add(hub.subscribe(PollTopics.session(session.id()), batch -> {
                PollView now = as(world.instructorA(), () -> polls.polls(session.id())).getFirst();
                Map<Long, Integer> tally = new HashMap<>();
                now.options().forEach(o -> tally.put(o.id(), o.votes()));
                shown.put(view, tally);
            }));
        }

        Map<Long, Integer> sent = new HashMap<>();
        List<Long> choices = new ArrayList<>();
        for (int i = 0; i < voters.size(); i++) {
            long choice = option(p, i % 4 == 3 ? 0 : i % 4);
            choices.add(choice);
            sent.merge(choice, 1, Integer::sum);
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        List<Future<?>> votes = new ArrayList<>();
        for (int i = 0; i < voters.size(); i++) {
            PersonSummary voter = voters.get(i);
            long choice = choices.get(i);
            votes.add(pool.submit(() -> {
                go.await();
                try {
                    as(voter, () -> polls.vote(p.id(), Set.of(choice)));
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : votes) {
            f.get();
        }
        pool.shutdown();

        assertThat(failures).hasValue(0);
        Map<Long, Integer> expected = new HashMap<>();
        p.options().forEach(o -> expected.put(o.id(), sent.getOrDefault(o.id(), 0)));
        assertThat(storedTally(p.id())).isEqualTo(sent);
        try {
            Eventually.await("every view showing the final tally", Duration.ofSeconds(30),
                    () -> shown.size() == views && shown.values().stream().allMatch(expected::equals));
        } finally {
            subscriptions.forEach(Subscription::close);
        }
    }
}
