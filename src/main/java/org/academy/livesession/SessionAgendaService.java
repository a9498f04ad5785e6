package org.academy.livesession;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.List;

import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.academy.security.Role;
import org.academy.security.Staff;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sessions an instructor is about to run or is running, across every cohort they teach (every
 * cohort, for administrators): the "Live sessions" menu entry, one click from each to its console.
 */
@Service
public class SessionAgendaService {

    /** A scheduled session that was never started stays on the agenda this long after its planned end. */
    static final Duration STALE_AFTER = Duration.ofHours(12);
    /** More than anyone runs at once; the agenda is a to-do list, not an archive. */
    static final int LIMIT = 50;

    private final JdbcClient jdbc;
    private final Clock clock;

    SessionAgendaService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Live sessions first, then scheduled ones soonest first; of the caller's cohorts only. */
    @Transactional(readOnly = true)
    @Staff
    public List<SessionSummary> upcomingAndLive() {
        AcademyUser caller = CurrentUser.requireAny(Role.INSTRUCTOR, Role.ADMIN);
        Instant since = clock.instant().minus(STALE_AFTER);
        return jdbc.sql("""
                        select s.id, s.cohort_id, c.name, s.title, s.starts_at, s.ends_at, s.status, s.qa_moderated,
                               s.started_at, s.ended_at
                        from live_session s join cohort c on c.id = s.cohort_id
                        where (s.status = 'LIVE' or (s.status = 'SCHEDULED' and s.ends_at > :since))
                          and (:admin or exists (select 1 from cohort_instructor ci
                                                 where ci.cohort_id = s.cohort_id and ci.user_id = :me))
                        order by (s.status = 'LIVE') desc, s.starts_at, s.id
                        limit :limit
                        """)
                .param("since", Timestamp.from(since)).param("admin", caller.has(Role.ADMIN))
                .param("me", caller.id()).param("limit", LIMIT)
                .query((rs, i) -> new SessionSummary(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), SessionStatus.valueOf(rs.getString(7)),
                        rs.getBoolean(8), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10))))
                .list();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
