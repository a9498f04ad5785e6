package org.academy.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.academy.notification.NotificationType.EmailMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The email channel's outbox (decision 0010): one row per event × recipient × channel, inserted in
 * the caller's transaction; claimed by the worker with {@code for update skip locked}, so several
 * nodes share the work without sending a row twice.
 */
@Component
class MailOutbox {

    /** A row claimed for sending. */
    record Claimed(long id, String eventKey, long recipientId, String channel, String type, String toAddress,
                   String subject, String bodyText, String bodyHtml, int attempts) {
    }

    private final JdbcClient jdbc;
    private final MailRenderer renderer;
    private final MailSettings settings;

    MailOutbox(JdbcClient jdbc, MailRenderer renderer, MailSettings settings) {
        this.jdbc = jdbc;
        this.renderer = renderer;
        this.settings = settings;
    }

    /** In the caller's transaction. False when this event already has its mail for this person. */
    boolean queue(long recipientId, String email, Notice notice, EmailMode mode, Instant now) {
        MailRenderer.Mail mail = renderer.render(recipientId, notice);
        boolean digest = mode == EmailMode.DIGEST;
        return jdbc.sql("""
                insert into mail_delivery (event_key, recipient_id, channel, type, to_address, subject, body_text, body_html,
                                           status, next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (event_key, recipient_id, channel) do nothing
                """).params(notice.key(), recipientId, digest ? "DIGEST" : "EMAIL", notice.type().name(), email,
                        mail.subject(), mail.text(), mail.html(), digest ? "PENDING" : "QUEUED", Timestamp.from(now),
                        Timestamp.from(now))
                .update() == 1;
    }

    /** A composed mail (a digest) as its own delivery; false if this key was queued before. */
    boolean queueComposed(String eventKey, long recipientId, String email, String type, MailRenderer.Mail mail, Instant now) {
        return jdbc.sql("""
                insert into mail_delivery (event_key, recipient_id, channel, type, to_address, subject, body_text, body_html,
                                           status, next_attempt_at, created_at)
                values (?, ?, 'EMAIL', ?, ?, ?, ?, ?, 'QUEUED', ?, ?)
                on conflict (event_key, recipient_id, channel) do nothing
                """).params(eventKey, recipientId, type, email, mail.subject(), mail.text(), mail.html(),
                        Timestamp.from(now), Timestamp.from(now))
                .update() == 1;
    }

    /**
     * Due rows (queued and due, or claimed by a node whose lease ran out), marked SENDING under a
     * lease, in one short transaction of its own (autocommit). Counts the attempt at once, so a
     * row that kills its sender is parked eventually rather than tried for ever.
     */
    List<Claimed> claim(Instant now) {
        return jdbc.sql("""
                with due as (
                    select id from mail_delivery
                    where status in ('QUEUED', 'SENDING') and next_attempt_at <= ?
                    order by next_attempt_at, id limit ? for update skip locked)
                update mail_delivery m set status = 'SENDING', attempts = m.attempts + 1, next_attempt_at = ?
                from due where m.id = due.id
                returning m.id, m.event_key, m.recipient_id, m.channel, m.type, m.to_address, m.subject, m.body_text,
                          m.body_html, m.attempts
                """).params(Timestamp.from(now), settings.batchSize, Timestamp.from(now.plus(settings.lease)))
                .query((rs, n) -> new Claimed(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10)))
                .list().stream().sorted(java.util.Comparator.comparingLong(Claimed::id)).toList();
    }

    /** Right after the SMTP server accepted it, in its own statement: the window for a duplicate. */
    void sent(Claimed c, Instant now) {
        // An invitation's body holds a live one-time link: not kept once it is handed over.
        jdbc.sql("""
                update mail_delivery set status = 'SENT', sent_at = ?, last_error = null,
                       body_text = case when type = 'INVITATION' then '' else body_text end,
                       body_html = case when type = 'INVITATION' then '' else body_html end
                where id = ? and status = 'SENDING'
                """).params(Timestamp.from(now), c.id()).update();
    }

    /** Back to the queue after a back-off, or parked with the error after the last attempt. */
    void failed(Claimed c, String error, Instant now) {
        boolean park = c.attempts() >= settings.maxAttempts;
        String e = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
        jdbc.sql("update mail_delivery set status = ?, next_attempt_at = ?, last_error = ? where id = ? and status = 'SENDING'")
                .params(park ? "PARKED" : "QUEUED", Timestamp.from(now.plus(settings.backoff(c.attempts()))), e, c.id())
                .update();
    }

    /** Sending is switched off (no SMTP server): rows claimed but not tried go back as they were. */
    void release(Claimed c, Instant now) {
        jdbc.sql("update mail_delivery set status = 'QUEUED', attempts = attempts - 1, next_attempt_at = ? where id = ? and status = 'SENDING'")
                .params(Timestamp.from(now), c.id()).update();
    }
}
