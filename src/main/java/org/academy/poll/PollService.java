package org.academy.poll;

import org.academy.security.SignedIn;

import org.academy.base.RecordRowMapper;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.RateLimiter;
import org.academy.base.TextInput;
import org.academy.cohort.CohortAccess;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionContext;
import org.academy.livesession.SessionEnding;
import org.academy.livesession.SessionStatus;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Live polls. Instructors create, open, close, reveal and re-run them; learners vote, once per
 * poll and run, changing their vote while voting is open (the last ballot counts). The ballot
 * table's key makes the database, not the UI, guarantee one vote per person.
 */
@Service
public class PollService {

    static final int MIN_OPTIONS = 2;
    public static final int MAX_OPTIONS = 10;
    public static final int MAX_QUESTION = 300;
    public static final int MAX_OPTION_LENGTH = 200;
    /** Room for ten full options, one per line, with some blank lines between them: the options box's limit. */
    public static final int MAX_OPTIONS_TEXT = MAX_OPTIONS * (MAX_OPTION_LENGTH + 2) + 100;
    /** More lines than this cannot be a poll, blank ones included; refused before any work per line. */
    static final int MAX_OPTION_LINES = 100;
    static final String NOT_FOUND = "This poll does not exist, or you are not a member of its cohort.";

    private final LiveSessionService sessions;
    private final PollSnapshots snapshots;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RateLimiter voteChangeLimit;

    PollService(org.academy.base.RateLimits limits, LiveSessionService sessions, PollSnapshots snapshots, JdbcClient jdbc, ApplicationEventPublisher events,
                Clock clock, @Value("${academy.limits.vote-changes-per-minute:10}") int voteChangesPerMinute) {
        this.sessions = sessions;
        this.snapshots = snapshots;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.voteChangeLimit = limits.create("vote-changes", voteChangesPerMinute, Duration.ofMinutes(1));
    }

    private record PollRow(long id, long sessionId, String question, boolean multipleChoice, String status,
                           boolean resultsVisible, int run) {
    }

    private record VoteRow(long id, long sessionId, String question, boolean multipleChoice, String status,
                           boolean resultsVisible, int run, String sessionStatus) {
    }

    // ---- instructor actions -------------------------------------------------------------------

    @Transactional
    @SignedIn
    public PollView create(long sessionId, NewPoll poll) {
        SessionContext c = sessions.requireStaffBeforeEnd(sessionId);
        String question = TextInput.require(poll.question(), MAX_QUESTION,
                "A poll needs a question of 1 to " + MAX_QUESTION + " characters.",
                "A poll needs a question of 1 to " + MAX_QUESTION + " characters.");
        String wrongCount = "A poll needs " + MIN_OPTIONS + " to " + MAX_OPTIONS + " options.";
        String tooLong = "Options are limited to " + MAX_OPTION_LENGTH + " characters.";
        // Bounded before any work per option: a pasted novel is refused, not cleaned line by line.
        if (poll.options() != null && poll.options().size() > MAX_OPTION_LINES) {
            throw new InvalidRequestException(wrongCount);
        }
        List<String> options = new ArrayList<>();
        for (String o : poll.options() == null ? List.<String>of() : poll.options()) {
            if (TextInput.tooLong(o, MAX_OPTION_LENGTH)) {
                throw new InvalidRequestException(tooLong);
            }
            String clean = TextInput.clean(o);
            if (!clean.isEmpty()) {
                options.add(clean);
            }
        }
        if (options.size() < MIN_OPTIONS || options.size() > MAX_OPTIONS) {
            throw new InvalidRequestException(wrongCount);
        }
        if (options.stream().anyMatch(o -> o.length() > MAX_OPTION_LENGTH)) {
            throw new InvalidRequestException(tooLong);
        }
        if (new HashSet<>(options.stream().map(String::toLowerCase).toList()).size() != options.size()) {
            throw new InvalidRequestException("Two options read the same.");
        }
        Set<Integer> correct = poll.correctOptions() == null ? Set.of() : poll.correctOptions();
        if (correct.stream().anyMatch(i -> i < 0 || i >= options.size())) {
            throw new InvalidRequestException("A correct answer must be one of the options.");
        }
        if (!poll.multipleChoice() && correct.size() > 1) {
            throw new InvalidRequestException("A single-choice poll has at most one correct answer.");
        }
        long id = jdbc.sql("""
                insert into poll (session_id, question, multiple_choice, created_at) values (?, ?, ?, ?) returning id
                """).params(sessionId, question, poll.multipleChoice(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        for (int i = 0; i < options.size(); i++) {
            jdbc.sql("insert into poll_option (poll_id, position, label, correct) values (?, ?, ?, ?)")
                    .params(id, i, options.get(i), correct.contains(i)).update();
        }
        changed(sessionId, id, false);
        return view(lock(id, c), c, CurrentUser.require());
    }

    /** Opens voting; a closed poll reopens in the same run, so earlier votes still count. */
    @Transactional
    @SignedIn
    public PollView open(long pollId) {
        return transition(pollId, true, (row, c) -> {
            jdbc.sql("update poll set status = 'OPEN' where id = ?").param(pollId).update();
        });
    }

    @Transactional
    @SignedIn
    public PollView close(long pollId) {
        return transition(pollId, false, (row, c) -> {
            if (!row.status().equals("OPEN")) {
                throw new InvalidRequestException("Only an open poll can be closed.");
            }
            jdbc.sql("update poll set status = 'CLOSED' where id = ?").param(pollId).update();
        });
    }

    /** Shows or hides the results (and correct answers) to learners. */
    @Transactional
    @SignedIn
    public PollView setResultsVisible(long pollId, boolean visible) {
        return transition(pollId, false, (row, c) ->
                jdbc.sql("update poll set results_visible = ? where id = ?").params(visible, pollId).update());
    }

    /** Starts a fresh round of voting; the earlier rounds' ballots are kept. Not once the session has ended. */
    @Transactional
    @SignedIn
    public PollView rerun(long pollId) {
        return transition(pollId, true, (row, c) -> {
            if (row.status().equals("DRAFT")) {
                throw new InvalidRequestException("Open the poll first; there is nothing to re-run.");
            }
            jdbc.sql("update poll set run = run + 1, status = 'OPEN', results_visible = false where id = ?")
                    .param(pollId).update();
        });
    }

    private interface Transition {
        void apply(PollRow row, SessionContext c);
    }

    /**
     * @param beforeEnd the change reopens voting, so it must not land after the session's end: the
     *                  session is locked against ending until this transaction is over
     */
    private PollView transition(long pollId, boolean beforeEnd, Transition transition) {
        AcademyUser caller = CurrentUser.require();
        PollRow row = find(pollId);
        SessionContext c = staffOf(row, beforeEnd);
        PollRow locked = lock(pollId, c);
        transition.apply(locked, c);
        changed(row.sessionId(), pollId, false);
        return view(lock(pollId, c), c, caller);
    }

    // ---- voting -------------------------------------------------------------------------------

    /**
     * Casts or replaces the caller's ballot. Single choice takes exactly one option; multiple choice
     * one or more. Refused, changing nothing, when the poll is not open, its session has ended, or it
     * belongs to another cohort. Changing a ballot is limited per person
     * ({@code academy.limits.vote-changes-per-minute}): each change is pushed to every viewer. Casting
     * the same choice again changes nothing and pushes nothing.
     */
    @Transactional
    @SignedIn
    public PollView vote(long pollId, Set<Long> optionIds) {
        AcademyUser caller = CurrentUser.require();
        // Shared lock: votes run in parallel with each other, but never across a close, a re-run or
        // the session's end (which closes its polls with an update of this row, so it waits for
        // votes in flight, and votes arriving later find the poll closed).
        VoteRow current = jdbc.sql("""
                select p.id, p.session_id, p.question, p.multiple_choice, p.status, p.results_visible, p.run,
                       s.status as session_status
                from poll p join live_session s on s.id = p.session_id where p.id = ? for share of p
                """).param(pollId).query(RecordRowMapper.of(VoteRow.class)).optional()
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
        // Membership from the short-lived cache: a vote is the hottest write of a live session, and
        // a learner removed from the cohort loses the vote within the cache's few seconds.
        SessionContext c;
        try {
            c = sessions.context(current.sessionId());
        } catch (NotFoundException e) {
            throw new NotFoundException(NOT_FOUND);
        }
        if (c.access() != CohortAccess.LEARNER) {
            throw new NotFoundException(NOT_FOUND);
        }
        if (SessionStatus.valueOf(current.sessionStatus()) == SessionStatus.ENDED) {
            throw new InvalidRequestException(LiveSessionService.ENDED);
        }
        if (!current.status().equals("OPEN")) {
            throw new InvalidRequestException("Voting on this poll is closed.");
        }
        Set<Long> choice = optionIds == null ? Set.of() : new LinkedHashSet<>(optionIds);
        if (choice.isEmpty()) {
            throw new InvalidRequestException("Pick an option.");
        }
        if (!current.multipleChoice() && choice.size() != 1) {
            throw new InvalidRequestException("This poll takes one answer.");
        }
        List<PollSnapshots.OptionRow> options = jdbc.sql(
                        "select id, poll_id, position, label, correct from poll_option where poll_id = ? order by position")
                .param(pollId).query(RecordRowMapper.of(PollSnapshots.OptionRow.class)).list();
        if (!options.stream().map(PollSnapshots.OptionRow::id).collect(java.util.stream.Collectors.toSet()).containsAll(choice)) {
            throw new InvalidRequestException("That is not an option of this poll.");
        }
        Long[] ids = choice.stream().sorted().toArray(Long[]::new);
        // One statement tells a first ballot (inserted), a change (updated) and a repeat (nothing).
        Optional<Boolean> inserted = jdbc.sql("""
                insert into poll_ballot (poll_id, run, user_id, option_ids, cast_at) values (?, ?, ?, ?, ?)
                on conflict (poll_id, run, user_id) do update set option_ids = excluded.option_ids, cast_at = excluded.cast_at
                where poll_ballot.option_ids is distinct from excluded.option_ids
                returning (xmax = 0) as inserted
                """).params(pollId, current.run(), caller.id(), ids, Timestamp.from(clock.instant()))
                .query(Boolean.class).optional();
        if (inserted.isPresent()) {
            // A refused change rolls back with this exception, so the ballot stays as it was.
            if (!inserted.get() && !voteChangeLimit.tryAcquire(caller.id())) {
                throw new InvalidRequestException("You are changing your vote very fast; please wait a moment.");
            }
            changed(current.sessionId(), pollId, true);
        }
        // The voter sees their own ballot at once; the tallies follow with the next push.
        Map<Long, Integer> counts = c.isStaff() || current.resultsVisible() ? counts(pollId, current.run()) : Map.of();
        int voters = counts.isEmpty() ? 0 : jdbc.sql("select count(*) from poll_ballot where poll_id = ? and run = ?")
                .params(pollId, current.run()).query(Integer.class).single();
        return assemble(current.id(), current.sessionId(), current.question(), current.multipleChoice(), current.status(),
                current.resultsVisible(), current.run(), options, counts, voters, Set.of(ids), c);
    }

    // ---- reading ------------------------------------------------------------------------------

    /**
     * The polls of a session as the caller may see them, oldest first; drafts for staff only.
     * Served from the session's shared snapshot: this is what every view calls on every push, so
     * it opens no transaction and touches the database only when the snapshot is out of date.
     */
    @SignedIn
    public List<PollView> polls(long sessionId) {
        AcademyUser caller = CurrentUser.require();
        SessionContext c = sessions.context(sessionId);
        PollSnapshots.Snapshot snapshot = snapshots.get(sessionId);
        List<PollView> views = new ArrayList<>();
        for (PollSnapshots.PollRow row : snapshot.polls()) {
            if (c.isStaff() || !row.status().equals("DRAFT")) {
                views.add(fromSnapshot(row, snapshot, c, caller));
            }
        }
        return views;
    }

    private static PollView fromSnapshot(PollSnapshots.PollRow row, PollSnapshots.Snapshot snapshot, SessionContext c,
                                         AcademyUser caller) {
        PollSnapshots.Shared shared = snapshot.views().get(row.id());
        PollView seen = c.isStaff() ? shared.staff() : shared.learner();
        Set<Long> mine = snapshot.ballots().getOrDefault(row.id(), Map.of()).getOrDefault(caller.id(), Set.of());
        return mine.isEmpty() ? seen : seen.withMyChoice(mine);
    }

    private static PollView assemble(long id, long sessionId, String question, boolean multipleChoice, String status,
                                     boolean resultsVisible, int run, List<PollSnapshots.OptionRow> options,
                                     Map<Long, Integer> counts, int voterCount, Set<Long> mine, SessionContext c) {
        return PollSnapshots.assemble(id, sessionId, question, multipleChoice, status, resultsVisible, run, options,
                counts, voterCount, mine, c.isStaff());
    }

    /** Results of an earlier run, for summaries; staff only. */
    @Transactional(readOnly = true)
    @SignedIn
    public Map<Long, Integer> tally(long pollId, int run) {
        staffOf(find(pollId), false);
        return counts(pollId, run);
    }

    /** How many people voted in a run (a multiple-choice ballot counts once), for summaries; staff only. */
    @Transactional(readOnly = true)
    @SignedIn
    public int voters(long pollId, int run) {
        staffOf(find(pollId), false);
        return jdbc.sql("select count(*) from poll_ballot where poll_id = ? and run = ?")
                .params(pollId, run).query(Integer.class).single();
    }

    /** One poll straight from the database, for the caller of a change (who must see their own write). */
    private PollView view(PollRow row, SessionContext c, AcademyUser caller) {
        List<PollSnapshots.OptionRow> options = jdbc.sql(
                        "select id, poll_id, position, label, correct from poll_option where poll_id = ? order by position")
                .param(row.id()).query(RecordRowMapper.of(PollSnapshots.OptionRow.class)).list();
        int voters = jdbc.sql("select count(*) from poll_ballot where poll_id = ? and run = ?")
                .params(row.id(), row.run()).query(Integer.class).single();
        Set<Long> mine = new HashSet<>();
        jdbc.sql("select option_ids from poll_ballot where poll_id = ? and run = ? and user_id = ?")
                .params(row.id(), row.run(), caller.id())
                .query((rs, i) -> {
                    Array array = rs.getArray(1);
                    for (Long id : (Long[]) array.getArray()) {
                        mine.add(id);
                    }
                    return null;
                }).list();
        return assemble(row.id(), row.sessionId(), row.question(), row.multipleChoice(), row.status(),
                row.resultsVisible(), row.run(), options, counts(row.id(), row.run()), voters, mine, c);
    }

    private Map<Long, Integer> counts(long pollId, int run) {
        Map<Long, Integer> counts = new HashMap<>();
        jdbc.sql("""
                select o, count(*) from poll_ballot b, unnest(b.option_ids) as o
                where b.poll_id = ? and b.run = ? group by o
                """).params(pollId, run)
                .query((rs, i) -> counts.put(rs.getLong(1), rs.getInt(2))).list();
        return counts;
    }

    private PollRow find(long pollId) {
        return jdbc.sql("select id, session_id, question, multiple_choice, status, results_visible, run from poll where id = ?")
                .param(pollId).query(RecordRowMapper.of(PollRow.class)).optional().orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private PollRow lock(long pollId, SessionContext c) {
        return jdbc.sql("""
                select id, session_id, question, multiple_choice, status, results_visible, run from poll where id = ? for update
                """).param(pollId).query(RecordRowMapper.of(PollRow.class)).single();
    }

    private SessionContext staffOf(PollRow row, boolean beforeEnd) {
        try {
            return beforeEnd ? sessions.requireStaffBeforeEnd(row.sessionId()) : sessions.requireStaff(row.sessionId());
        } catch (NotFoundException e) {
            throw new NotFoundException(NOT_FOUND);
        }
    }

    /**
     * Ending a session closes its open polls, in the ending transaction: after the end has
     * committed, every view finds them closed, and no ballot can follow (see {@link #vote}).
     */
    @EventListener
    void sessionEnding(SessionEnding ending) {
        jdbc.sql("update poll set status = 'CLOSED' where session_id = ? and status = 'OPEN' returning id")
                .param(ending.sessionId()).query(Long.class).list()
                .forEach(pollId -> changed(ending.sessionId(), pollId, false));
    }

    private void changed(long sessionId, long pollId, boolean vote) {
        events.publishEvent(new PollChanged(sessionId, pollId, vote));
    }
}
