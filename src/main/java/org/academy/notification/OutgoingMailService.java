package org.academy.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.academy.base.InvalidRequestException;
import org.academy.base.RecordRowMapper;
import org.academy.security.AdminOnly;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admin's view of the mail outbox: what waits, what was parked and why, and retrying it. */
@Service
public class OutgoingMailService {

    public static final int LIST_LIMIT = 500;

    private final JdbcClient jdbc;
    private final MailWorker worker;
    private final RetentionSettings retention;
    private final Clock clock;

    OutgoingMailService(JdbcClient jdbc, MailWorker worker, RetentionSettings retention, Clock clock) {
        this.jdbc = jdbc;
        this.worker = worker;
        this.retention = retention;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    @AdminOnly
    public MailStatus status() {
        Instant dayAgo = clock.instant().minus(Duration.ofDays(1));
        return jdbc.sql("""
                select count(*) filter (where status in ('QUEUED', 'SENDING')) as queued,
                       count(*) filter (where status = 'PARKED') as parked,
                       count(*) filter (where status = 'SENT' and sent_at > ?) as sent_today,
                       min(created_at) filter (where status in ('QUEUED', 'SENDING')) as oldest
                from mail_delivery
                """).param(Timestamp.from(dayAgo))
                .query((rs, n) -> new MailStatus(worker.configured(), rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), worker.lastSent(),
                        worker.lastError(), retention.keepSent, retention.keepParked))
                .single();
    }

    /**
     * Queued, sending and parked mail: parked first (they need an admin), then newest first, so that
     * the mail someone just triggered is on the page even when thousands wait for an SMTP server
     * (at most {@link #LIST_LIMIT}; the counts above the list cover all of them).
     */
    @Transactional(readOnly = true)
    @AdminOnly
    public List<OutgoingMail> waiting() {
        return jdbc.sql("""
                select id, type, to_address, subject, status, attempts, next_attempt_at, last_error, created_at
                from mail_delivery where status in ('QUEUED', 'SENDING', 'PARKED')
                order by status = 'PARKED' desc, id desc limit ?
                """).param(LIST_LIMIT).query(RecordRowMapper.of(OutgoingMail.class)).list();
    }

    /** A parked mail goes back to the queue, with a fresh count of attempts. */
    @Transactional
    @AdminOnly
    public void retry(long id) {
        int changed = jdbc.sql("""
                update mail_delivery set status = 'QUEUED', attempts = 0, next_attempt_at = ? where id = ? and status = 'PARKED'
                """).params(Timestamp.from(clock.instant()), id).update();
        if (changed == 0) {
            throw new InvalidRequestException("This mail is not parked any more.");
        }
    }

    /** Every parked mail back to the queue; returns how many. */
    @Transactional
    @AdminOnly
    public int retryAllParked() {
        return jdbc.sql("update mail_delivery set status = 'QUEUED', attempts = 0, next_attempt_at = ? where status = 'PARKED'")
                .param(Timestamp.from(clock.instant())).update();
    }
}
