package org.academy.poll;

import org.academy.base.RecordRowMapper;
import org.academy.base.push.Topic;
import org.academy.base.push.TopicHook;

import java.sql.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The committed state of a session's polls (questions, options, current-run ballots and tallies),
 * computed once per change and shared by every view of the session. A thousand participants
 * reloading after a vote then cost one set of queries, not a thousand.
 * <p>
 * A change is committed, then the session's snapshot is dropped, then the change is pushed: a view
 * reacting to the push finds no snapshot, or one computed after the commit, so it always sees at
 * least that change. A snapshot whose computation began before the commit is dropped with it, so
 * it is never handed to a later reader. Concurrent readers of a missing snapshot wait for one
 * computation instead of each running their own.
 * <p>
 * Held in a bounded cache that forgets sessions nobody has looked at for a while: an ended
 * session's snapshot is no longer kept for ever, and dropping one only costs a reload.
 */
@Component
class PollSnapshots implements TopicHook {

    record PollRow(long id, long sessionId, String question, boolean multipleChoice, String status,
                   boolean resultsVisible, int run) {
    }

    record OptionRow(long id, long pollId, int position, String label, boolean correct) {
    }

    /**
     * @param ballots poll id → voter id → the options of their ballot in the poll's current run
     * @param counts  poll id → option id → votes in the current run
     * @param views   poll id → the poll as staff and as learners see it, without anyone's ballot:
     *                labels, tallies and percentages are computed once per change, not once per
     *                viewer; a viewer's own ballot is the only part made per view
     */
    record Snapshot(List<PollRow> polls, Map<Long, List<OptionRow>> options, Map<Long, Map<Long, Set<Long>>> ballots,
                    Map<Long, Map<Long, Integer>> counts, Map<Long, Shared> views) {
    }

    /** One poll version as seen from each seat; {@code myChoice} is empty in both. */
    record Shared(PollView staff, PollView learner) {
    }

    private final JdbcClient jdbc;
    private final Cache<Long, CompletableFuture<Snapshot>> entries;

    PollSnapshots(JdbcClient jdbc,
                  @Value("${academy.poll.snapshot-cache-size:1000}") long maximumSize,
                  @Value("${academy.poll.snapshot-idle-expiry:10m}") Duration idleExpiry) {
        this.jdbc = jdbc;
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(idleExpiry).build();
    }

    /** A change to the session's polls has been committed (call before pushing it). */
    void invalidate(long sessionId) {
        entries.invalidate(sessionId);
    }

    /**
     * Snapshots are dropped by the very event that makes views reload, on whichever node it is
     * delivered (the hub runs this before queuing it for any view): a change committed on another
     * node invalidates this node's snapshot before this node's views ask for it again.
     */
    @Override
    public String kind() {
        return PollTopics.KIND;
    }

    @Override
    public void beforeDelivery(Topic<?> topic, Object event) {
        if (event instanceof PollChanged changed) {
            invalidate(changed.sessionId());
        }
    }

    /** Changes may have been missed: no snapshot can be trusted. */
    @Override
    public void resync() {
        entries.invalidateAll();
    }

    Snapshot get(long sessionId) {
        // Every view of the session asks on every push: a present snapshot is read without
        // compute(), which would serialise a thousand readers on the map's lock for one key.
        CompletableFuture<Snapshot> present = entries.getIfPresent(sessionId);
        if (present != null && present.isDone() && !present.isCompletedExceptionally()) {
            return present.join();
        }
        boolean[] mine = {false};
        // The loading runs outside compute: it queries the database, and the map must not wait on it.
        CompletableFuture<Snapshot> snapshot = entries.asMap().compute(sessionId, (k, old) -> {
            if (old != null && !old.isCompletedExceptionally()) {
                return old;
            }
            mine[0] = true;
            return new CompletableFuture<>();
        });
        if (mine[0]) {
            try {
                snapshot.complete(load(sessionId));
            } catch (RuntimeException e) {
                snapshot.completeExceptionally(e);
                entries.asMap().remove(sessionId, snapshot);
                throw e;
            }
        }
        return snapshot.join();
    }

    /** Sessions whose snapshots are held, for tests and monitoring. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
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
        Map<Long, Shared> views = new HashMap<>();
        for (PollRow row : polls) {
            List<OptionRow> opts = options.getOrDefault(row.id(), List.of());
            Map<Long, Integer> tally = counts.getOrDefault(row.id(), Map.of());
            int voters = ballots.getOrDefault(row.id(), Map.of()).size();
            PollView staff = assemble(row.id(), row.sessionId(), row.question(), row.multipleChoice(), row.status(),
                    row.resultsVisible(), row.run(), opts, tally, voters, Set.of(), true);
            views.put(row.id(), new Shared(staff, row.resultsVisible() ? staff
                    : assemble(row.id(), row.sessionId(), row.question(), row.multipleChoice(), row.status(),
                    row.resultsVisible(), row.run(), opts, tally, voters, Set.of(), false)));
        }
        return new Snapshot(List.copyOf(polls), options, ballots, counts, views);
    }

    /** A poll as one seat sees it: staff always see results; learners once they are revealed. */
    static PollView assemble(long id, long sessionId, String question, boolean multipleChoice, String status,
                             boolean resultsVisible, int run, List<OptionRow> options,
                             Map<Long, Integer> counts, int voterCount, Set<Long> mine, boolean staff) {
        boolean quiz = options.stream().anyMatch(OptionRow::correct);
        boolean showResults = staff || resultsVisible;
        Integer voters = showResults ? voterCount : null;
        List<PollOptionResult> results = options.stream().map(o -> {
            Integer votes = showResults ? counts.getOrDefault(o.id(), 0) : null;
            Integer percent = showResults ? (voterCount == 0 ? 0 : (int) Math.round(votes * 100.0 / voterCount)) : null;
            return new PollOptionResult(o.id(), o.label(), showResults ? o.correct() : null, votes, percent);
        }).toList();
        return new PollView(id, sessionId, question, multipleChoice, quiz, PollStatus.valueOf(status), resultsVisible,
                run, results, voters, mine);
    }
}
