package org.academy.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.academy.notification.NotificationRetention.Kind;
import org.academy.notification.NotificationRetention.Pruned;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retention on the real tables with a fixed clock. The clock stands in 2001, so that only this
 * class's rows are old enough to go: the schema is shared with every other test of the run.
 */
@IntegrationTest
class NotificationRetentionTest {

    static final Instant NOW = Instant.parse("2001-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Autowired
    JdbcClient jdbc;

    long person;

    @BeforeEach
    void person() {
        String email = "retention-" + UUID.randomUUID() + "@example.test";
        person = jdbc.sql("insert into app_user (email, display_name) values (?, 'Retention') returning id")
                .param(email).query(Long.class).single();
    }

    private NotificationRetention retention(int batchSize) {
        return new NotificationRetention(jdbc, CLOCK,
                new RetentionSettings(Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(180), batchSize));
    }

    private static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    /** A mail row as the outbox leaves it: sent ones with sent_at, parked ones with their last attempt's back-off. */
    private long mail(String status, Instant at) {
        boolean done = status.equals("SENT") || status.equals("DIGESTED");
        return jdbc.sql("""
                insert into mail_delivery (event_key, recipient_id, channel, type, to_address, subject, body_text, body_html,
                                           status, attempts, next_attempt_at, created_at, sent_at)
                values (?, ?, ?, 'PROJECT_FEEDBACK', 'retention@example.test', 's', 't', 'h', ?, 1, ?, ?, ?)
                returning id
                """).params("retention:" + UUID.randomUUID(), person, status.equals("PENDING") || status.equals("DIGESTED") ? "DIGEST" : "EMAIL",
                        status, Timestamp.from(at), Timestamp.from(at.minus(Duration.ofMinutes(5))),
                        done ? Timestamp.from(at) : null)
                .query(Long.class).single();
    }

    private long notification(Instant created, boolean read) {
        return jdbc.sql("insert into notification (user_id, kind, text, created_at, read_at) values (?, 'OTHER', 'n', ?, ?) returning id")
                .params(person, Timestamp.from(created), read ? Timestamp.from(created.plusSeconds(60)) : null)
                .query(Long.class).single();
    }

    private List<Long> mailLeft() {
        return jdbc.sql("select id from mail_delivery where recipient_id = ? order by id").param(person).query(Long.class).list();
    }

    private List<Long> notificationsLeft() {
        return jdbc.sql("select id from notification where user_id = ? order by id").param(person).query(Long.class).list();
    }

    @Test
    void sent_mail_past_its_age_is_deleted_and_recent_sent_and_unsent_mail_stays() {
        long oldSent = mail("SENT", daysAgo(31));
        long oldDigested = mail("DIGESTED", daysAgo(31));
        long recentSent = mail("SENT", daysAgo(29));
        long oldQueued = mail("QUEUED", daysAgo(400));
        long oldSending = mail("SENDING", daysAgo(400));
        long oldPending = mail("PENDING", daysAgo(400));

        Pruned pruned = retention(1000).prune();

        assertThat(mailLeft()).containsExactly(recentSent, oldQueued, oldSending, oldPending)
                .doesNotContain(oldSent, oldDigested);
        assertThat(pruned.sentMail()).isEqualTo(2);
    }

    @Test
    void parked_mail_keeps_its_longer_age() {
        long parkedLongAgo = mail("PARKED", daysAgo(91));
        long parkedAMonthAgo = mail("PARKED", daysAgo(31));
        long parkedYesterday = mail("PARKED", daysAgo(1));

        Pruned pruned = retention(1000).prune();

        assertThat(mailLeft()).containsExactly(parkedAMonthAgo, parkedYesterday).doesNotContain(parkedLongAgo);
        assertThat(pruned).isEqualTo(new Pruned(0, 1, 0));
    }

    @Test
    void read_notifications_past_their_age_are_deleted_and_unread_ones_stay_however_old() {
        long readLongAgo = notification(daysAgo(181), true);
        long unreadLongAgo = notification(daysAgo(400), false);
        long readRecently = notification(daysAgo(179), true);

        Pruned pruned = retention(1000).prune();

        assertThat(notificationsLeft()).containsExactly(unreadLongAgo, readRecently).doesNotContain(readLongAgo);
        assertThat(pruned).isEqualTo(new Pruned(0, 0, 1));
    }

    @Test
    void one_statement_deletes_at_most_a_batch_and_a_run_goes_on_until_all_are_gone() {
        for (int i = 0; i < 5; i++) {
            mail("SENT", daysAgo(40 + i));
        }
        long recent = mail("SENT", daysAgo(2));
        NotificationRetention retention = retention(2);

        assertThat(retention.deleteBatch(Kind.SENT_MAIL, NOW)).isEqualTo(2);
        assertThat(mailLeft()).hasSize(4);

        assertThat(retention.prune().sentMail()).isEqualTo(3);
        assertThat(mailLeft()).containsExactly(recent);
    }

    @Test
    void running_twice_deletes_nothing_more_the_second_time() {
        mail("SENT", daysAgo(31));
        mail("PARKED", daysAgo(91));
        notification(daysAgo(181), true);
        long kept = mail("SENT", daysAgo(1));
        long keptNotification = notification(daysAgo(1), true);
        NotificationRetention retention = retention(1000);

        assertThat(retention.prune()).isEqualTo(new Pruned(1, 1, 1));
        assertThat(retention.prune()).isEqualTo(new Pruned(0, 0, 0));
        assertThat(mailLeft()).containsExactly(kept);
        assertThat(notificationsLeft()).containsExactly(keptNotification);
    }

    @Test
    void ages_under_a_day_or_an_empty_batch_are_refused_at_start_with_the_setting_named() {
        assertThatThrownBy(() -> new RetentionSettings(Duration.ofHours(2), Duration.ofDays(90), Duration.ofDays(180), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("academy.mail.retention.sent must be at least one day (for example 30d), not PT2H.");
        assertThatThrownBy(() -> new RetentionSettings(Duration.ofDays(30), Duration.ZERO, Duration.ofDays(180), 10))
                .hasMessageStartingWith("academy.mail.retention.parked must be at least one day");
        assertThatThrownBy(() -> new RetentionSettings(Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(180), 0))
                .hasMessage("academy.retention.batch-size must be at least 1, not 0.");
    }
}
