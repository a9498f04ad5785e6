package org.academy.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Daily digests: once a person's chosen hour has come in their time zone, their pending digest
 * items become one mail, keyed by the local date. The items are locked ({@code for update skip
 * locked}) and marked in the transaction that queues the digest, and the key admits one digest per
 * person and day, so two nodes running this at once send one digest with every item once.
 */
@Component
class DigestJob {

    private static final Logger log = LoggerFactory.getLogger(DigestJob.class);

    private final JdbcClient jdbc;
    private final NotificationPreferenceService preferences;
    private final MailOutbox outbox;
    private final MailRenderer renderer;
    private final TransactionTemplate tx;
    private final Clock clock;

    DigestJob(JdbcClient jdbc, NotificationPreferenceService preferences, MailOutbox outbox, MailRenderer renderer,
              PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.preferences = preferences;
        this.outbox = outbox;
        this.renderer = renderer;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${academy.mail.digest-interval:1m}", initialDelayString = "${academy.mail.digest-interval:1m}")
    @SchedulerLock(name = "notification-digests", lockAtMostFor = "PT5M")
    void tick() {
        try {
            sendDue(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Digests failed this round: {}", e.toString());
        }
    }

    /** Queues the digests due at this instant; returns how many. */
    int sendDue(Instant now) {
        List<Long> people = jdbc.sql("select distinct recipient_id from mail_delivery where status = 'PENDING' and created_at <= ?")
                .param(Timestamp.from(now)).query(Long.class).list();
        int queued = 0;
        for (long person : people) {
            if (Boolean.TRUE.equals(tx.execute(status -> digest(person, now)))) {
                queued++;
            }
        }
        return queued;
    }

    private boolean digest(long person, Instant now) {
        NotificationPreferenceService.DigestSettings s = preferences.settings(person);
        ZoneId zone;
        try {
            zone = ZoneId.of(s.timeZone());
        } catch (DateTimeException e) {
            zone = NotificationPreferenceService.DEFAULT_ZONE;
        }
        ZonedDateTime local = now.atZone(zone);
        if (local.getHour() < s.hour()) {
            return false;
        }
        LocalDate day = local.toLocalDate();
        String key = "digest:" + day;
        boolean sentToday = jdbc.sql("select count(*) from mail_delivery where event_key = ? and recipient_id = ? and channel = 'EMAIL'")
                .params(key, person).query(Long.class).single() > 0;
        if (sentToday) {
            return false;
        }
        record Item(long id, String subject, String link, String to) {
        }
        List<Item> items = jdbc.sql("""
                select id, subject, body_text, to_address from mail_delivery
                where recipient_id = ? and status = 'PENDING' and created_at <= ? order by id for update skip locked
                """).params(person, Timestamp.from(now))
                .query((rs, n) -> new Item(rs.getLong(1), rs.getString(2), firstLink(rs.getString(3)), rs.getString(4)))
                .list();
        if (items.isEmpty()) {
            return false;
        }
        MailRenderer.Mail mail = renderer.digest(person, items.stream().map(i -> new String[]{i.subject(), i.link()}).toList());
        if (!outbox.queueComposed(key, person, items.getLast().to(), "DIGEST", mail, now)) {
            return false;
        }
        jdbc.sql("update mail_delivery set status = 'DIGESTED', sent_at = :at where id in (:ids)")
                .param("at", Timestamp.from(now)).param("ids", items.stream().map(Item::id).toList()).update();
        return true;
    }

    private static String firstLink(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("Open: ")) {
                return line.substring("Open: ".length()).strip();
            }
        }
        return null;
    }
}
