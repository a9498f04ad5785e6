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
import org.academy.livesession.LiveSessionService;
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
    @Autowired
    LiveSessionService liveSessions;

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

    // ---- after the end ---------------------------------------------------------------------------

    @Test
    void ending_the_session_closes_its_open_polls_and_every_view_then_finds_them_closed() {
        PollView p = openPoll();
        PollView draft = create("Later?", false, Set.of(), "a", "b");
        as(world.studentA(), () -> polls.vote(p.id(), Set.of(option(p, 0))));
        // A learner's view caches the session's snapshot before the end...
        assertThat(as(world.studentA(), () -> polls.polls(session.id())).getFirst().status()).isEqualTo(PollStatus.OPEN);

        as(world.instructorA(), () -> liveSessions.end(session.id()));

        // ...and after the commit reads the closed poll, with its ballot kept.
        assertThat(as(world.studentA(), () -> polls.polls(session.id()))).singleElement()
                .satisfies(v -> assertThat(v.status()).isEqualTo(PollStatus.CLOSED));
        assertThat(jdbc.sql("select status from poll where id = ?").param(draft.id()).query(String.class).single())
                .isEqualTo("DRAFT");
        assertThat(storedTally(p.id())).containsExactly(Map.entry(option(p, 0), 1));
    }

    @Test
    void after_the_end_no_vote_no_rerun_no_reopening_and_no_new_poll_is_accepted() {
        PollView p = openPoll();
        PollView draft = create("Later?", false, Set.of(), "a", "b");
        as(world.studentA(), () -> polls.vote(p.id(), Set.of(option(p, 0))));
        as(world.instructorA(), () -> liveSessions.end(session.id()));

        assertThatThrownBy(() -> as(world.studentsA().get(1), () -> polls.vote(p.id(), Set.of(option(p, 1)))))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> as(world.instructorA(), () -> polls.rerun(p.id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ended");
        assertThatThrownBy(() -> as(world.instructorA(), () -> polls.open(p.id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ended");
        assertThatThrownBy(() -> as(world.instructorA(), () -> polls.open(draft.id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ended");
        assertThatThrownBy(() -> create("New?", false, Set.of(), "a", "b"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ended");
        // A poll left open by hand (as before this fix) still takes no vote: the session's status is checked.
        jdbc.sql("update poll set status = 'OPEN' where id = ?").param(p.id()).update();
        assertThatThrownBy(() -> as(world.studentsA().get(1), () -> polls.vote(p.id(), Set.of(option(p, 1)))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ended");

        assertThat(pollCount()).isEqualTo(2);
        assertThat(storedTally(p.id())).containsExactly(Map.entry(option(p, 0), 1));
        assertThat(jdbc.sql("select run from poll where id = ?").param(p.id()).query(Integer.class).single()).isEqualTo(1);
        // The staff may still reveal the final results.
        assertThat(as(world.instructorA(), () -> polls.setResultsVisible(p.id(), true)).resultsVisible()).isTrue();
    }

    @Test
    void once_the_end_has_committed_no_ballot_racing_it_is_accepted() throws Exception {
        List<PersonSummary> voters = fixtures.addLearners(world, 300);
        PollView p = openPoll();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger acceptedAfterEnd = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean endCommitted = new java.util.concurrent.atomic.AtomicBoolean();
        // Two thirds race the end (which comes when a third are done); the last third come after it.
        int racing = voters.size() * 2 / 3;
        CountDownLatch halfway = new CountDownLatch(racing / 2);
        CountDownLatch late = new CountDownLatch(1);
        List<Future<?>> votes = new ArrayList<>();
        for (int i = 0; i < voters.size(); i++) {
            PersonSummary voter = voters.get(i);
            long choice = option(p, i % 4);
            boolean afterEnd = i >= racing;
            votes.add(pool.submit(() -> {
                go.await();
                if (afterEnd) {
                    late.await();
                }
                // Read before the call: a vote that started after the end's commit must be refused.
                boolean startedAfterEnd = endCommitted.get();
                try {
                    as(voter, () -> polls.vote(p.id(), Set.of(choice)));
                    accepted.incrementAndGet();
                    if (startedAfterEnd) {
                        acceptedAfterEnd.incrementAndGet();
                    }
                } catch (InvalidRequestException refused) {
                    // the poll closed or the session ended
                } finally {
                    halfway.countDown();
                }
                return null;
            }));
        }
        go.countDown();
        halfway.await();
        as(world.instructorA(), () -> liveSessions.end(session.id()));
        endCommitted.set(true);
        long ballotsAtEnd = storedTally(p.id()).values().stream().mapToLong(Integer::longValue).sum();
        late.countDown();
        for (Future<?> f : votes) {
            f.get();
        }
        pool.shutdown();

        long ballots = storedTally(p.id()).values().stream().mapToLong(Integer::longValue).sum();
        assertThat(acceptedAfterEnd).hasValue(0);
        assertThat(ballots).as("no ballot lands after the end").isEqualTo(ballotsAtEnd);
        assertThat(ballots).as("every accepted ballot is stored").isEqualTo(accepted.get());
        assertThat(accepted.get()).isBetween(racing / 2, racing);
    }

    // ---- bounded input ---------------------------------------------------------------------------

    @Test
    void changing_a_vote_is_limited_per_person_while_casting_the_same_choice_again_costs_nothing() {
        PollView p = openPoll();
        int changes = 0;
        int refused = 0;
        long lastChoice = option(p, 1);
        for (int i = 0; i < 300; i++) {
            // Always the other option than the stored one: every call is a real change.
            long other = lastChoice == option(p, 0) ? option(p, 1) : option(p, 0);
            try {
                as(world.studentA(), () -> polls.vote(p.id(), Set.of(other)));
                changes++;
                lastChoice = other;
            } catch (InvalidRequestException limited) {
                assertThat(limited).hasMessageContaining("wait");
                refused++;
            }
        }
        // The first ballot is free; then ten changes a minute (the default).
        assertThat(changes).isBetween(11, 12);
        assertThat(refused).isEqualTo(300 - changes);
        long kept = lastChoice;
        PollView mine = as(world.studentA(), () -> polls.vote(p.id(), Set.of(kept)));
        assertThat(mine.myChoice()).as("the same choice again is accepted though the limit is spent").containsExactly(kept);
        assertThat(storedTally(p.id())).containsExactly(Map.entry(kept, 1));
        // Someone else's changes are not slowed by this flood.
        as(world.studentsA().get(1), () -> polls.vote(p.id(), Set.of(option(p, 0))));
        as(world.studentsA().get(1), () -> polls.vote(p.id(), Set.of(option(p, 1))));
    }

    @Test
    void a_hundred_thousand_pasted_option_lines_are_refused_before_any_work_per_line() {
        List<String> lines = java.util.stream.IntStream.range(0, 100_000).mapToObj(i -> "Option " + i).toList();
        long started = System.nanoTime();
        assertThatThrownBy(() -> as(world.instructorA(), () -> polls.create(session.id(),
                new NewPoll("Which?", lines, false, Set.of())))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("2 to 10 options");
        assertThatThrownBy(() -> create("Which?", false, Set.of(), "a", "b".repeat(5_000_000)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("200 characters");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("refused at once (was 16 s)").isLessThan(Duration.ofSeconds(2));
        assertThat(pollCount()).isZero();
    }

    @Test
    void poll_questions_and_options_of_invisible_or_broken_characters_are_refused() {
        assertThatThrownBy(() -> create("\u200B\u3164", false, Set.of(), "a", "b"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("question");
        assertThatThrownBy(() -> create("Q?", false, Set.of(), "a", "\u00A0\uFEFF"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("2 to 10 options");
        assertThatThrownBy(() -> create("Q\u0000?", false, Set.of(), "a", "b"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("control character");
        assertThatThrownBy(() -> create("Q?", false, Set.of(), "a\uD800", "b"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("broken character");
        assertThat(pollCount()).isZero();
        PollView ok = create("\u200BQ?\u00A0", false, Set.of(), "\u3164a", "b\uFEFF");
        assertThat(ok.question()).isEqualTo("Q?");
        assertThat(ok.options()).extracting(PollOptionResult::label).containsExactly("a", "b");
    }

    @Test
    void snapshots_of_sessions_nobody_looks_at_are_not_kept_for_ever() {
        PollSnapshots small = new PollSnapshots(jdbc, 3, Duration.ofMinutes(10));
        for (int i = 0; i < 20; i++) {
            small.get(sessions.liveSessionOfA(world).id());
        }
        assertThat(small.size()).isLessThanOrEqualTo(3);
    }
}
