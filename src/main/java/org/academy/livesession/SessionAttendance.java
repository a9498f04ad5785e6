package org.academy.livesession;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.academy.base.RecordRowMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who attended a session, when they came, when they left and how long they stayed. A stay opens
 * with a person's first open view of the session and closes with their last (closed tab, browser
 * gone and its UI expired) or when the session ends while they are there. Only time while the
 * session was live counts: waiting in the lobby before the start is not attendance.
 */
@Component
class SessionAttendance {

    private static final Logger log = LoggerFactory.getLogger(SessionAttendance.class);

    /** Seconds of the open stay of row {@code a} in session {@code s}, up to {@code :now} and the end. */
    private static final String OPEN_STAY_SECONDS = """
            greatest(0, floor(extract(epoch from (least(:now, coalesce(s.ended_at, :now))
                                                  - greatest(a.present_since, coalesce(s.started_at, :now))))))::bigint""";

    private final JdbcClient jdbc;
    private final Clock clock;

    SessionAttendance(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A view of the session opened; a stay begins unless one is open. Nothing once the session has ended. */
    void arrive(long sessionId, long userId) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into session_attendance (session_id, user_id, first_joined_at, last_seen_at, present_since)
                select :session, :user, :now, :now, :now from live_session where id = :session and status <> 'ENDED'
                on conflict (session_id, user_id) do update
                    set last_seen_at = excluded.last_seen_at,
                        present_since = coalesce(session_attendance.present_since, excluded.present_since)
                """).param("session", sessionId).param("user", userId).param("now", now).update();
    }

    /**
     * The person's last view of the session went: their stay closes. Runs on detach, outside any
     * request; a failure only loses this stay's length, so it is logged, never thrown at the UI.
     */
    void leave(long sessionId, long userId) {
        try {
            close(sessionId, userId);
        } catch (RuntimeException e) {
            log.warn("Could not record that person {} left session {}: {}", userId, sessionId, e.toString());
        }
    }

    /** The session is ending (inside the ending transaction): everyone still there leaves now. */
    @EventListener
    void sessionEnding(SessionEnding ending) {
        close(ending.sessionId(), null);
    }

    private void close(long sessionId, Long userId) {
        jdbc.sql("update session_attendance a set present_seconds = a.present_seconds + " + OPEN_STAY_SECONDS + """
                        , present_since = null, last_seen_at = :now
                        from live_session s
                        where s.id = a.session_id and a.session_id = :session and a.present_since is not null
                          and (cast(:user as bigint) is null or a.user_id = :user)
                        """)
                .param("session", sessionId).param("user", userId, java.sql.Types.BIGINT)
                .param("now", Timestamp.from(clock.instant())).update();
    }

    /** Everyone who came, with the minutes they were present (an open stay counts up to now). */
    List<Attendee> of(long sessionId) {
        return jdbc.sql("""
                        select a.user_id, p.display_name, a.first_joined_at, a.last_seen_at,
                               a.present_since is not null as present,
                               round((a.present_seconds + case when a.present_since is null then 0 else\s""" + OPEN_STAY_SECONDS + """
                         end) / 60.0)::bigint as minutes_present
                        from session_attendance a join app_user p on p.id = a.user_id join live_session s on s.id = a.session_id
                        where a.session_id = :session order by lower(p.display_name)
                        """)
                .param("session", sessionId).param("now", Timestamp.from(clock.instant()))
                .query(RecordRowMapper.of(Attendee.class)).list();
    }
}
