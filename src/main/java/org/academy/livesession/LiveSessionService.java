package org.academy.livesession;

import org.academy.security.SignedIn;

import org.academy.base.RecordRowMapper;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.RateLimiter;
import org.academy.base.TextInput;
import org.academy.base.push.TopicHub;
import org.academy.cohort.CohortAccess;
import org.academy.cohort.CohortMembership;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Live sessions of a cohort: scheduling, starting and ending them (its instructors and
 * administrators), joining them (its members), presence, announcements and reactions.
 * Membership comes from {@link CohortService} on every call.
 */
@Service
public class LiveSessionService {

    static final String NOT_FOUND = "This session does not exist, or you are not a member of its cohort.";
    public static final String ENDED = "This session has ended.";
    public static final int MAX_ANNOUNCEMENT = 1000;
    public static final Duration REACTION_WINDOW = Duration.ofMinutes(1);

    private final LiveSessionRepository sessions;
    private final CohortService cohorts;
    private final SessionPresence presence;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TopicHub hub;
    private final Clock clock;
    private final RateLimiter reactionLimit;
    private final SessionContextCache contexts;
    private final SessionAttendance attendance;
    private final SessionNotices notices;

    LiveSessionService(org.academy.base.RateLimits limits, LiveSessionRepository sessions, CohortService cohorts, SessionPresence presence,
                       SessionContextCache contexts, SessionAttendance attendance, JdbcClient jdbc,
                       ApplicationEventPublisher events, TopicHub hub, Clock clock, SessionNotices notices,
                       @Value("${academy.limits.reactions-per-minute:30}") int reactionsPerMinute) {
        this.notices = notices;
        this.sessions = sessions;
        this.cohorts = cohorts;
        this.presence = presence;
        this.contexts = contexts;
        this.attendance = attendance;
        this.jdbc = jdbc;
        this.events = events;
        this.hub = hub;
        this.clock = clock;
        this.reactionLimit = limits.create("reactions", reactionsPerMinute, Duration.ofMinutes(1));
    }

    // ---- scheduling and running -------------------------------------------------------------

    @Transactional
    @SignedIn
    public SessionSummary schedule(long cohortId, String title, Instant startsAt, Instant endsAt) {
        AcademyUser caller = CurrentUser.require();
        CohortSummary cohort = cohorts.requireStaff(cohortId);
        String t = TextInput.require(title, 200, "A session needs a title of 1 to 200 characters.",
                "A session needs a title of 1 to 200 characters.");
        if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
            throw new InvalidRequestException("A session needs a start and an end after it.");
        }
        LiveSession saved = sessions.saveAndFlush(new LiveSession(cohortId, t, startsAt, endsAt, caller.id()));
        publish(saved, SessionEvent.Kind.SCHEDULED);
        return summary(saved, cohort);
    }

    @Transactional
    @SignedIn
    public SessionSummary start(long sessionId) {
        LiveSession s = lockAsStaff(sessionId);
        if (s.getStatus() == SessionStatus.ENDED) {
            throw new InvalidRequestException("This session has ended; schedule a new one.");
        }
        if (s.getStatus() == SessionStatus.SCHEDULED) {
            s.start(clock.instant());
            publish(s, SessionEvent.Kind.STARTED);
            notices.started(s.getId());
        }
        return summary(s, null);
    }

    /**
     * Ends the session for good. Its open polls close in the same transaction (see
     * {@link SessionEnding}), and every write by participants takes a share lock on the session row
     * ({@link #requireLearnerBeforeEnd}) or on its poll, so the end waits for writes in flight and
     * none lands after it: the summary is final.
     */
    @Transactional
    @SignedIn
    public SessionSummary end(long sessionId) {
        LiveSession s = lockAsStaff(sessionId);
        if (s.getStatus() != SessionStatus.ENDED) {
            s.end(clock.instant());
            events.publishEvent(new SessionEnding(s.getId(), s.getCohortId()));
            publish(s, SessionEvent.Kind.ENDED);
        }
        return summary(s, null);
    }

    /** With moderation on, new questions reach the cohort only once approved. */
    @Transactional
    @SignedIn
    public SessionSummary setQaModerated(long sessionId, boolean moderated) {
        LiveSession s = lockAsStaff(sessionId);
        if (s.isQaModerated() != moderated) {
            s.setQaModerated(moderated);
            publish(s, SessionEvent.Kind.SETTINGS);
        }
        return summary(s, null);
    }

    /** Sessions of a cohort, soonest first; its members only. */
    @Transactional(readOnly = true)
    @SignedIn
    public List<SessionSummary> sessionsOf(long cohortId) {
        CohortSummary cohort = cohorts.cohort(cohortId);
        return sessions.findByCohortIdOrderByStartsAt(cohortId).stream().map(s -> summary(s, cohort)).toList();
    }

    /**
     * The session and how the caller belongs to it; not found for non-members. Remembered for a
     * few seconds per person and session (see {@link SessionContextCache}). Not transactional:
     * a cache hit must not borrow a database connection (a thousand views ask on every push).
     */
    @SignedIn
    public SessionContext context(long sessionId) {
        AcademyUser caller = CurrentUser.require();
        return contexts.get(caller.id(), sessionId, () -> loadContext(sessionId));
    }

    private SessionContext loadContext(long sessionId) {
        LiveSession s = sessions.findById(sessionId).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        CohortMembership membership;
        try {
            membership = cohorts.membership(s.getCohortId());
        } catch (NotFoundException e) {
            throw new NotFoundException(NOT_FOUND);
        }
        return new SessionContext(summary(s, membership.cohort()), membership.access());
    }

    /** The session, if the caller teaches its cohort or is an administrator. Checked afresh: used before changes. */
    @Transactional(readOnly = true)
    @SignedIn
    public SessionContext requireStaff(long sessionId) {
        SessionContext c = loadContext(sessionId);
        if (!c.isStaff()) {
            throw new NotFoundException(NOT_FOUND);
        }
        return c;
    }

    /** The session, if the caller is a learner of its cohort. Checked afresh: used before changes. */
    @Transactional(readOnly = true)
    @SignedIn
    public SessionContext requireLearner(long sessionId) {
        SessionContext c = loadContext(sessionId);
        if (c.access() != CohortAccess.LEARNER) {
            throw new NotFoundException(NOT_FOUND);
        }
        return c;
    }

    /**
     * As {@link #requireLearner}, for writes that must not land after the end (questions, upvotes,
     * reactions): refuses an ended session, and holds a share lock on the session row until the
     * caller's transaction ends, so that ending the session waits for this write.
     */
    @Transactional
    @SignedIn
    public SessionContext requireLearnerBeforeEnd(long sessionId) {
        SessionContext c = requireLearner(sessionId);
        requireNotEnded(sessionId);
        return c;
    }

    /** As {@link #requireStaff}, for staff changes that must not land after the end (new polls, re-runs). */
    @Transactional
    @SignedIn
    public SessionContext requireStaffBeforeEnd(long sessionId) {
        SessionContext c = requireStaff(sessionId);
        requireNotEnded(sessionId);
        return c;
    }

    private void requireNotEnded(long sessionId) {
        // The status read under the lock, not the (possibly cached) context's: this is what end() waits on.
        String status = jdbc.sql("select status from live_session where id = ? for share").param(sessionId)
                .query(String.class).optional().orElseThrow(() -> new NotFoundException(NOT_FOUND));
        if (SessionStatus.valueOf(status) == SessionStatus.ENDED) {
            throw new InvalidRequestException(ENDED);
        }
    }

    // ---- presence -----------------------------------------------------------------------------

    /**
     * Marks the caller present in a live or scheduled session for as long as the returned handle
     * is open; closing it (on detach) leaves. Records attendance once per person.
     */
    @Transactional
    @SignedIn
    public AutoCloseable join(long sessionId) {
        AcademyUser caller = CurrentUser.require();
        SessionContext c = context(sessionId);
        // Attendance is part of the summary, which is final once the session has ended.
        attendance.arrive(sessionId, caller.id());
        long cohortId = c.session().cohortId();
        AtomicBoolean entered = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        // Present once the arrival is committed: entering inside the transaction left a person present for good
        // when the commit failed, as the caller then got an exception instead of a handle to leave with.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (!closed.get() && entered.compareAndSet(false, true) && presence.enter(sessionId, caller.id())) {
                    hub.publish(SessionTopics.session(sessionId), new SessionEvent(sessionId, cohortId, SessionEvent.Kind.PRESENCE));
                }
            }
        });
        // Leaving writes nothing and usually runs outside any transaction (on detach): published directly.
        return () -> {
            if (closed.compareAndSet(false, true) && entered.get() && presence.leave(sessionId, caller.id())) {
                attendance.leave(sessionId, caller.id());
                hub.publish(SessionTopics.session(sessionId), new SessionEvent(sessionId, cohortId, SessionEvent.Kind.PRESENCE));
            }
        };
    }

    private record PresentList(long version, List<PresentPerson> people) {
    }

    /**
     * Bounded and forgetful: an entry is only worth keeping while the session has viewers, and a
     * version that no longer matches is never served, so dropping one costs a reload, never truth.
     */
    private final Cache<Long, PresentList> presentCache = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    /**
     * Who is in the session now: names for staff, and for learners too (it is their own cohort).
     * Every view of the session asks after each arrival, so the list is computed once per change.
     */
    @SignedIn
    public List<PresentPerson> present(long sessionId) {
        SessionContext c = context(sessionId);
        long version = presence.version(sessionId);
        if (version == 0) {
            return List.of();
        }
        PresentList cached = presentCache.getIfPresent(sessionId);
        if (cached != null && cached.version() == version) {
            return cached.people();
        }
        List<PresentPerson> people = loadPresent(sessionId, c);
        presentCache.put(sessionId, new PresentList(version, people));
        return people;
    }

    private List<PresentPerson> loadPresent(long sessionId, SessionContext c) {
        Set<Long> ids = presence.present(sessionId);
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select p.id as user_id, p.display_name,
                               exists (select 1 from cohort_instructor ci where ci.cohort_id = :cohort and ci.user_id = p.id)
                               or exists (select 1 from user_role r where r.user_id = p.id and r.role = 'ADMIN') as staff
                        from app_user p where p.id in (:ids) order by lower(p.display_name)
                        """)
                .param("cohort", c.session().cohortId()).param("ids", ids)
                .query(RecordRowMapper.of(PresentPerson.class)).list();
    }


    /** Everyone who joined, for the summary; staff only. */
    @Transactional(readOnly = true)
    @SignedIn
    public List<Attendee> attendance(long sessionId) {
        requireStaff(sessionId);
        return attendance.of(sessionId);
    }

    // ---- announcements ------------------------------------------------------------------------

    /** Broadcasts a message to the cohort of the session (kept, shown in sessions and on dashboards). */
    @Transactional
    @SignedIn
    public Announcement announce(long sessionId, String text) {
        AcademyUser caller = CurrentUser.require();
        SessionContext c = requireStaff(sessionId);
        String t = TextInput.require(text, MAX_ANNOUNCEMENT, "An announcement needs 1 to " + MAX_ANNOUNCEMENT + " characters.",
                "An announcement needs 1 to " + MAX_ANNOUNCEMENT + " characters.");
        long id = jdbc.sql("""
                insert into announcement (cohort_id, session_id, author_id, text, created_at) values (?, ?, ?, ?, ?) returning id
                """).params(c.session().cohortId(), sessionId, caller.id(), t, Timestamp.from(clock.instant()))
                .query(Long.class).single();
        events.publishEvent(new SessionEvent(sessionId, c.session().cohortId(), SessionEvent.Kind.ANNOUNCEMENT));
        notices.announced(id, sessionId, c.session().cohortId(), caller.id(), t);
        return announcements(c.session().cohortId(), 1).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
    }

    /** The latest announcements of a cohort, newest first; its members only. */
    @Transactional(readOnly = true)
    @SignedIn
    public List<Announcement> announcements(long cohortId, int limit) {
        cohorts.requireAccess(cohortId);
        return jdbc.sql("""
                select a.id, a.cohort_id, a.session_id, p.display_name as author_name, a.text, a.created_at
                from announcement a join app_user p on p.id = a.author_id
                where a.cohort_id = ? order by a.created_at desc, a.id desc limit ?
                """).params(cohortId, Math.max(1, Math.min(limit, 200))).query(RecordRowMapper.of(Announcement.class)).list();
    }

    // ---- reactions ----------------------------------------------------------------------------

    /** A learner's reaction in a live session; limited per person, so one flood slows nobody else. */
    @Transactional
    @SignedIn
    public void react(long sessionId, ReactionKind kind) {
        AcademyUser caller = CurrentUser.require();
        SessionContext c = requireLearnerBeforeEnd(sessionId);
        if (!c.session().isLive()) {
            throw new InvalidRequestException("Reactions are open while the session is live.");
        }
        if (kind == null) {
            throw new InvalidRequestException("Pick a reaction.");
        }
        if (!reactionLimit.tryAcquire(caller.id())) {
            throw new InvalidRequestException("You are reacting very fast; please wait a moment.");
        }
        jdbc.sql("insert into reaction (session_id, user_id, kind, created_at) values (?, ?, ?, ?)")
                .params(sessionId, caller.id(), kind.name(), Timestamp.from(clock.instant())).update();
        events.publishEvent(new SessionEvent(sessionId, c.session().cohortId(), SessionEvent.Kind.REACTION));
    }

    /** Reactions in the last minute, by kind; every kind present (zero when none). */
    @Transactional(readOnly = true)
    @SignedIn
    public Map<ReactionKind, Integer> recentReactions(long sessionId) {
        context(sessionId);
        Map<ReactionKind, Integer> counts = new EnumMap<>(ReactionKind.class);
        for (ReactionKind k : ReactionKind.values()) {
            counts.put(k, 0);
        }
        jdbc.sql("select kind, count(*) as n from reaction where session_id = ? and created_at > ? group by kind")
                .params(sessionId, Timestamp.from(clock.instant().minus(REACTION_WINDOW)))
                .query((rs, i) -> Map.entry(ReactionKind.valueOf(rs.getString(1)), rs.getInt(2))).list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    // ---- internals ----------------------------------------------------------------------------

    private LiveSession lockAsStaff(long sessionId) {
        requireStaff(sessionId);
        return sessions.findForUpdate(sessionId).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private void publish(LiveSession s, SessionEvent.Kind kind) {
        events.publishEvent(new SessionEvent(s.getId(), s.getCohortId(), kind));
    }

    private SessionSummary summary(LiveSession s, CohortSummary cohort) {
        String cohortName = cohort != null ? cohort.name() : cohorts.cohort(s.getCohortId()).name();
        return new SessionSummary(s.getId(), s.getCohortId(), cohortName, s.getTitle(), s.getStartsAt(), s.getEndsAt(),
                s.getStatus(), s.isQaModerated(), s.getStartedAt(), s.getEndedAt());
    }

}
