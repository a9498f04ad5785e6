package org.academy.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.academy.identity.PersonSummary;
import org.academy.livesession.SessionSummary;
import org.academy.poll.NewPoll;
import org.academy.poll.PollService;
import org.academy.poll.PollView;
import org.academy.testing.Actors;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Votes of one session are serialised on the session stream's counter row (that is what makes the
 * journal gap-free). Measured: the same votes cast in parallel into one session's poll (one counter
 * row for all) and spread over 16 sessions (16 rows); and the journal is exact: numbers 1..n without
 * a gap, tallies that never go backwards, the last one equal to the ballots stored.
 */
@IntegrationTest
class JournalUnderParallelVotesTest {

    static final int VOTERS = 320;
    static final int THREADS = 16;

    @Autowired
    Fixtures fixtures;
    @Autowired
    Sessions sessions;
    @Autowired
    PollService polls;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    record Run(double seconds, double p50, double p95) {
    }

    @Test
    void parallel_votes_into_one_session_are_journalled_exactly_and_the_counter_row_cost_is_measured() throws Exception {
        World w = fixtures.world(1, 1);
        List<PersonSummary> voters = fixtures.addLearners(w, VOTERS);
        List<PollView> spread = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            spread.add(openPoll(w, sessions.liveSessionOfA(w)));
        }
        SessionSummary shared = sessions.liveSessionOfA(w);
        PollView one = openPoll(w, shared);
        // Warm-up, so both runs measure a compiled server.
        vote(voters.subList(0, 32), i -> spread.get(i % THREADS));

        Run spreadRun = vote(voters.subList(32, VOTERS), i -> spread.get(i % THREADS));
        Run sharedRun = vote(voters.subList(32, VOTERS), i -> one);

        String stream = StreamKeys.session(shared.id());
        List<JsonNode> snapshots = new ArrayList<>();
        List<Long> seqs = jdbc.sql("select seq from stream_event where stream = ? order by seq").param(stream).query(Long.class).list();
        jdbc.sql("select payload from stream_event where stream = ? and type = 'poll' order by seq").param(stream)
                .query(String.class).list().forEach(p -> snapshots.add(json.readTree(p)));
        int ballots = jdbc.sql("select count(*) from poll_ballot where poll_id = ?").param(one.id()).query(Integer.class).single();
        int votes = VOTERS - 32;

        assertThat(seqs).hasSize(votes + 2); // created and opened, then one per vote
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(i + 1L);
        }
        List<Integer> tallies = snapshots.stream().map(s -> s.path("voters").asInt()).toList();
        assertThat(tallies).isSorted();
        assertThat(tallies.getLast()).isEqualTo(ballots).isEqualTo(votes);
        // Every vote's snapshot counts it and everyone numbered before it: the tallies are 1..n exactly.
        assertThat(tallies.subList(2, tallies.size())).isEqualTo(java.util.stream.IntStream.rangeClosed(1, votes).boxed().toList());
        System.out.printf("JOURNAL UNDER PARALLEL VOTES: %d votes, %d threads. Spread over %d sessions (16 counter rows): %.2f s, "
                        + "%.0f votes/s, p50 %.1f ms, p95 %.1f ms. Into one session (one counter row): %.2f s, %.0f votes/s, "
                        + "p50 %.1f ms, p95 %.1f ms. Journal: %d numbers without a gap, tallies 1..%d in order%n",
                votes, THREADS, THREADS, spreadRun.seconds(), votes / spreadRun.seconds(), spreadRun.p50(), spreadRun.p95(),
                sharedRun.seconds(), votes / sharedRun.seconds(), sharedRun.p50(), sharedRun.p95(), seqs.size(), votes);
    }

    private PollView openPoll(World w, SessionSummary session) {
        return Actors.as(w.instructorA(), () -> {
            PollView p = polls.create(session.id(), new NewPoll("Which one?", List.of("A", "B", "C"), false, Set.of()));
            return polls.open(p.id());
        });
    }

    private Run vote(List<PersonSummary> who, java.util.function.IntFunction<PollView> pollOf) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < who.size(); i++) {
                PersonSummary voter = who.get(i);
                PollView poll = pollOf.apply(i);
                long option = poll.options().get(i % 3).id();
                done.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    Actors.as(voter, () -> polls.vote(poll.id(), Set.of(option)));
                    latencies.add((System.nanoTime() - t0) / 1e6);
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Run(seconds, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.95)));
    }
}
