package org.academy.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what the notification centre no longer needs, once per cluster: mail handed to the SMTP
 * server (SENT, and digest items DIGESTED into a sent digest) after {@code academy.mail.retention.sent},
 * parked mail after the longer {@code academy.mail.retention.parked}, and in-app notifications that
 * were read after {@code academy.notifications.retention.read}. Queued, sending and pending mail and
 * unread notifications are never deleted: they are still owed to someone.
 *
 * <p>Each batch is one statement in its own short transaction (autocommit), so the tables are never
 * locked for long and sending carries on between batches; rows that someone else holds (an admin
 * retrying a parked mail) are skipped this round rather than waited for.
 */
@Component
class NotificationRetention {

    private static final Logger log = LoggerFactory.getLogger(NotificationRetention.class);
    /** A backlog larger than this many batches (a first run on years of mail) is finished in later runs. */
    static final int MAX_BATCHES_PER_RUN = 1000;

    /** How many rows a run deleted, per kind. */
    record Pruned(int sentMail, int parkedMail, int readNotifications) {
    }

    enum Kind {
        SENT_MAIL("""
                with doomed as (
                    select id from mail_delivery where status in ('SENT', 'DIGESTED') and sent_at < ?
                    limit ? for update skip locked)
                delete from mail_delivery m using doomed where m.id = doomed.id
                """),
        // A parked mail's next_attempt_at is its last attempt plus at most academy.mail.max-retry:
        // the age counts from when it was parked, also after an admin's retry parked it again.
        PARKED_MAIL("""
                with doomed as (
                    select id from mail_delivery where status = 'PARKED' and next_attempt_at < ?
                    limit ? for update skip locked)
                delete from mail_delivery m using doomed where m.id = doomed.id
                """),
        READ_NOTIFICATIONS("""
                with doomed as (
                    select id from notification where read_at is not null and created_at < ?
                    limit ? for update skip locked)
                delete from notification n using doomed where n.id = doomed.id
                """);

        private final String sql;

        Kind(String sql) {
            this.sql = sql;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RetentionSettings settings;

    NotificationRetention(JdbcClient jdbc, Clock clock, RetentionSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${academy.retention.interval:1h}", initialDelayString = "${academy.retention.interval:1h}")
    @SchedulerLock(name = "notification-retention", lockAtMostFor = "PT30M")
    void tick() {
        try {
            Pruned p = prune();
            if (p.sentMail() + p.parkedMail() + p.readNotifications() > 0) {
                log.info("Retention deleted {} sent and {} parked mails and {} read notifications",
                        p.sentMail(), p.parkedMail(), p.readNotifications());
            }
        } catch (RuntimeException e) {
            // The database was away, for instance: what is left is deleted next time.
            log.warn("Retention failed this round: {}", e.toString());
        }
    }

    /** Deletes everything past its age at the clock's now, batch by batch. */
    Pruned prune() {
        Instant now = clock.instant();
        return new Pruned(deleteAll(Kind.SENT_MAIL, now), deleteAll(Kind.PARKED_MAIL, now),
                deleteAll(Kind.READ_NOTIFICATIONS, now));
    }

    private int deleteAll(Kind kind, Instant now) {
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int deleted = deleteBatch(kind, now);
            total += deleted;
            if (deleted < settings.batchSize) {
                break;
            }
        }
        return total;
    }

    /** One statement: at most a batch of rows of this kind past its age at {@code now}. */
    int deleteBatch(Kind kind, Instant now) {
        return jdbc.sql(kind.sql).params(Timestamp.from(now.minus(keep(kind))), settings.batchSize).update();
    }

    private Duration keep(Kind kind) {
        return switch (kind) {
            case SENT_MAIL -> settings.keepSent;
            case PARKED_MAIL -> settings.keepParked;
            case READ_NOTIFICATIONS -> settings.keepRead;
        };
    }
}
