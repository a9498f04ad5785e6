package org.academy.poll;

import org.academy.base.RecordRowMapper;

import java.sql.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The committed state of a session's polls (questions, options, current-run ballots and tallies),
 * computed once per change and shared by every view of the session. A thousand participants
 * reloading after a vote then cost one set of queries, not a thousand.
 * <p>
 * Each session has a version, bumped after every commit that changes its polls and before the
 * change is pushed. A snapshot is tagged with the version it was computed under and reused only
 * while that version is current, so a view reacting to a push always sees at least that change.
 * Concurrent readers of a new version wait for one computation instead of each running their own.
 */
@Component
class PollSnapshots {

    record PollRow(long id, long sessionId, String question, boolean multipleChoice, String status,
                   boolean resultsVisible, int run) {
    }

    record OptionRow(long id, long pollId, int position, String label, boolean correct) {
    }

    /**
     * @param ballots poll id → voter id → the options of their ballot in the poll's current run
     * @param counts  poll id → option id → votes in the current run
     */
    record Snapshot(List<PollRow> polls, Map<Long, List<OptionRow>> options, Map<Long, Map<Long, Set<Long>>> ballots,
                    Map<Long, Map<Long, Integer>> counts) {
    }

    private record Entry(long version, CompletableFuture<Snapshot> snapshot) {
    }

    private final JdbcClient jdbc;
    private final Map<Long, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    PollSnapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A change to the session's polls has been committed. */
    void invalidate(long sessionId) {
        versions.computeIfAbsent(sessionId, k -> new AtomicLong()).incrementAndGet();
    }

    Snapshot get(long sessionId) {
        long version = versions.computeIfAbsent(sessionId, k -> new AtomicLong()).get();
        boolean[] mine = {false};
        Entry entry = entries.compute(sessionId, (k, old) -> {
            if (old != null && old.version() == version && !old.snapshot().isCompletedExceptionally()) {
                return old;
            }
            mine[0] = true;
            return new Entry(version, new CompletableFuture<>());
        });
        if (mine[0]) {
            try {
                entry.snapshot().complete(load(sessionId));
            } catch (RuntimeException e) {
                entry.snapshot().completeExceptionally(e);
                throw e;
            }
        }
        return entry.snapshot().join();
    }

    /** Sessions whose snapshots are held, for monitoring. */
    int size() {
        return entries.size();
    }

    private Snapshot load(long sessionId) {
        List<PollRow> polls = jdbc.sql("""
                select id, session_id, question, multiple_choice, status, results_visible, run from poll
                where session_id = ? order by id
                """).param(sessionId).query(RecordRowMapper.of(PollRow.class)).list();
        Map<Long, List<OptionRow>> options = new HashMap<>();
        jdbc.sql("""
                select o.id, o.poll_id, o.position, o.label, o.correct from poll_option o join poll p on p.id = o.poll_id
                where p.session_id = ? order by o.poll_id, o.position
                """).param(sessionId).query(RecordRowMapper.of(OptionRow.class)).list()
                .forEach(o -> options.computeIfAbsent(o.pollId(), k -> new ArrayList<>()).add(o));
        Map<Long, Map<Long, Set<Long>>> ballots = new HashMap<>();
        Map<Long, Map<Long, Integer>> counts = new HashMap<>();
        jdbc.sql("""
                select b.poll_id, b.user_id, b.option_ids from poll_ballot b join poll p on p.id = b.poll_id and b.run = p.run
                where p.session_id = ?
                """).param(sessionId).query((rs, i) -> {
            long poll = rs.getLong(1);
            Array array = rs.getArray(3);
            Set<Long> choice = Set.of((Long[]) array.getArray());
            ballots.computeIfAbsent(poll, k -> new HashMap<>()).put(rs.getLong(2), choice);
            Map<Long, Integer> tally = counts.computeIfAbsent(poll, k -> new HashMap<>());
            choice.forEach(o -> tally.merge(o, 1, Integer::sum));
            return null;
        }).list();
        return new Snapshot(List.copyOf(polls), options, ballots, counts);
    }
}
