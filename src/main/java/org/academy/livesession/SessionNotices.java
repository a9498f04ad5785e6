package org.academy.livesession;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.academy.notification.AnnouncementNotice;
import org.academy.notification.NotificationRequested;
import org.academy.notification.SessionStartingNotice;
import org.academy.notification.SessionStartingNotice.When;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications of live sessions: announcements and "started now" in the transaction of the change,
 * and reminders 24 hours and 15 minutes before, queued by a job. Each reminder is claimed once per
 * session, kind and schedule (session_reminder's key), so several nodes running the job, or a job
 * re-run after a crash, queue it once; a moved session (new sequence) is reminded again.
 */
@Component
class SessionNotices {

    private static final Logger log = LoggerFactory.getLogger(SessionNotices.class);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    SessionNotices(JdbcClient jdbc, ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** In the announcing transaction: every member of the cohort but the author. */
    void announced(long announcementId, long sessionId, long cohortId, long authorId, String text) {
        String cohortName = jdbc.sql("select name from cohort where id = ?").param(cohortId).query(String.class).single();
        for (long member : members(cohortId)) {
            if (member != authorId) {
                events.publishEvent(new NotificationRequested(member,
                        new AnnouncementNotice(announcementId, cohortName, text, "sessions/" + sessionId)));
            }
        }
    }

    /** In the starting transaction: members who are not in the session yet. */
    void started(long sessionId) {
        Session s = session(sessionId);
        List<Long> present = jdbc.sql("select user_id from session_attendance where session_id = ?").param(sessionId)
                .query(Long.class).list();
        claim(sessionId, When.NOW, s.sequence(), clock.instant());
        for (long member : members(s.cohortId())) {
            if (!present.contains(member)) {
                events.publishEvent(new NotificationRequested(member,
                        new SessionStartingNotice(sessionId, s.sequence(), s.title(), s.startsAt(), When.NOW)));
            }
        }
    }

    @Scheduled(fixedDelayString = "${academy.reminders.interval:30s}", initialDelayString = "${academy.reminders.interval:30s}")
    @SchedulerLock(name = "session-reminders", lockAtMostFor = "PT5M")
    void tick() {
        try {
            remind(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Session reminders failed this round: {}", e.toString());
        }
    }

    /** Queues the reminders due at this instant; returns how many sessions were reminded. */
    int remind(Instant now) {
        int reminded = 0;
        reminded += remind(now, When.IN_24_HOURS, Duration.ofHours(24));
        reminded += remind(now, When.IN_15_MINUTES, Duration.ofMinutes(15));
        return reminded;
    }

    private int remind(Instant now, When when, Duration before) {
        List<Session> due = jdbc.sql("""
                select s.id, s.cohort_id, s.title, s.starts_at, s.sequence from live_session s
                where s.status = 'SCHEDULED' and s.cancelled_at is null and s.starts_at > ? and s.starts_at <= ?
                  and not exists (select 1 from session_reminder r where r.session_id = s.id and r.kind = ? || '#' || s.sequence)
                order by s.starts_at limit 500
                """).params(Timestamp.from(now), Timestamp.from(now.plus(before)), code(when))
                .query((rs, n) -> new Session(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getInt(5))).list();
        int reminded = 0;
        for (Session s : due) {
            Boolean claimed = tx.execute(status -> {
                if (!claim(s.id(), when, s.sequence(), now)) {
                    return false;
                }
                for (long member : members(s.cohortId())) {
                    events.publishEvent(new NotificationRequested(member,
                            new SessionStartingNotice(s.id(), s.sequence(), s.title(), s.startsAt(), when)));
                }
                return true;
            });
            if (Boolean.TRUE.equals(claimed)) {
                reminded++;
            }
        }
        return reminded;
    }

    private boolean claim(long sessionId, When when, int sequence, Instant now) {
        String kind = code(when) + "#" + sequence;
        return jdbc.sql("insert into session_reminder (session_id, kind, queued_at) values (?, ?, ?) on conflict do nothing")
                .params(sessionId, kind, Timestamp.from(now)).update() == 1;
    }

    private static String code(When when) {
        return switch (when) {
            case IN_24_HOURS -> "24h";
            case IN_15_MINUTES -> "15m";
            case NOW -> "now";
        };
    }

    private record Session(long id, long cohortId, String title, Instant startsAt, int sequence) {
    }

    private Session session(long id) {
        return jdbc.sql("select id, cohort_id, title, starts_at, sequence from live_session where id = ?").param(id)
                .query((rs, n) -> new Session(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getInt(5))).single();
    }

    private List<Long> members(long cohortId) {
        return jdbc.sql("""
                select u.id from app_user u
                where u.active and (u.id in (select user_id from enrolment where cohort_id = ?)
                                    or u.id in (select user_id from cohort_instructor where cohort_id = ?))
                order by u.id
                """).params(cohortId, cohortId).query(Long.class).list();
    }
}
