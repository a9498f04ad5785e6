package org.academy.notification;

import org.springframework.test.annotation.DirtiesContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.academy.identity.PersonSummary;
import org.academy.testing.Eventually;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.internet.MimeMessage;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The email channel end to end: rows queued in the change's transaction, the real worker, a real
 * SMTP server (GreenMail) that the tests take down and bring back. Figures are printed.
 */
@IntegrationTest
// Its mail worker talks to this class's SMTP server: closed with the class, so that it does not send
// (or park) mail that later test classes queue in the same schema.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MailDeliveryTest {

    static final MailServer smtp = new MailServer();
    static final AtomicLong events = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        smtp.register(registry);
    }

    @AfterAll
    static void stopServer() {
        smtp.stop();
    }

    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    OutgoingMailService outgoing;

    World w;

    @BeforeEach
    void world() {
        smtp.start();
        w = fixtures.world();
    }

    private ProjectFeedbackNotice notice(String text) {
        return new ProjectFeedbackNotice(events.incrementAndGet(), 1, text, "learn/1/lesson/1");
    }

    private void request(PersonSummary to, Notice notice) {
        new TransactionTemplate(transactions).executeWithoutResult(
                tx -> publisher.publishEvent(new NotificationRequested(to.id(), notice)));
    }

    private long rows(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void the_same_event_requested_twice_is_one_notification_and_one_mail() {
        PersonSummary learner = w.studentA();
        ProjectFeedbackNotice once = notice("Feedback ready <b>twice</b>?");
        request(learner, once);
        request(learner, once);
        Eventually.await("the mail", Duration.ofSeconds(15), () -> smtp.receivedBy(learner.email()).size() >= 1);
        // A later notice to the same person arrives after the first: had a duplicate been queued it would be here too.
        request(learner, notice("a later one"));
        Eventually.await("the later mail", Duration.ofSeconds(15), () -> smtp.receivedBy(learner.email()).size() >= 2);

        assertThat(smtp.receivedBy(learner.email())).hasSize(2);
        assertThat(rows("select count(*) from notification where user_id = ? and event_key = ?", learner.id(), once.key())).isEqualTo(1);
        assertThat(rows("select count(*) from mail_delivery where recipient_id = ? and event_key = ?", learner.id(), once.key())).isEqualTo(1);
        System.out.println("SAME EVENT TWICE: notifications=1 mails=1 (asserted)");
    }

    @Test
    void mail_has_plain_text_and_escaped_html_and_a_stable_message_id() throws Exception {
        PersonSummary learner = w.studentA();
        request(learner, notice("Feedback <script>alert(1)</script> & more"));
        Eventually.await("the mail", Duration.ofSeconds(15), () -> !smtp.receivedBy(learner.email()).isEmpty());
        MimeMessage m = smtp.receivedBy(learner.email()).getFirst();
        var parts = MailServer.parts(m);
        assertThat(m.getSubject()).isEqualTo("Feedback <script>alert(1)</script> & more");
        assertThat(parts).containsOnlyKeys("text/plain", "text/html");
        assertThat(parts.get("text/plain")).contains("Feedback <script>alert(1)</script> & more")
                .contains("http://localhost:8080/learn/1/lesson/1").contains("/unsubscribe/");
        assertThat(parts.get("text/html")).contains("Feedback &lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
                .doesNotContain("<script>").contains("href=\"http://localhost:8080/unsubscribe/");
        assertThat(m.getMessageID()).matches("<[0-9a-f]{32}\\.d\\d+@academy\\.mail>");
    }

    @Test
    void smtp_down_for_a_while_then_back_delivers_everything_once() {
        PersonSummary learner = w.studentsA().get(1);
        int count = 50;
        smtp.stop();
        List<ProjectFeedbackNotice> notices = java.util.stream.IntStream.range(0, count).mapToObj(i -> notice("down " + i)).toList();
        new TransactionTemplate(transactions).executeWithoutResult(
                tx -> notices.forEach(n -> publisher.publishEvent(new NotificationRequested(learner.id(), n))));
        // Every mail has been tried and failed at least once while the server was down.
        Eventually.await("failed attempts", Duration.ofSeconds(15), () -> rows(
                "select count(*) from mail_delivery where recipient_id = ? and attempts >= 1 and last_error is not null",
                learner.id()) == count);
        long failedAttempts = rows("select coalesce(sum(attempts), 0) from mail_delivery where recipient_id = ?", learner.id());
        smtp.start();
        long up = System.nanoTime();
        Eventually.await("all mail after the server is back", Duration.ofSeconds(30),
                () -> rows("select count(*) from mail_delivery where recipient_id = ? and status = 'SENT'", learner.id()) == count);
        Eventually.await("all received", Duration.ofSeconds(10), () -> smtp.receivedBy(learner.email()).size() >= count);
        long ms = (System.nanoTime() - up) / 1_000_000;

        List<MimeMessage> got = smtp.receivedBy(learner.email());
        Set<String> subjects = got.stream().map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toSet());
        long lost = notices.stream().filter(n -> !subjects.contains(n.text())).count();
        long duplicated = got.size() - subjects.size();
        System.out.printf("SMTP DOWN THEN UP: queued=%d failed-attempts-while-down=%d delivered=%d lost=%d duplicated=%d "
                + "all-sent-%d-ms-after-the-server-returned%n", count, failedAttempts, got.size(), lost, duplicated, ms);
        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
        assertThat(got).hasSize(count);
    }

    @Test
    void mail_that_keeps_failing_is_parked_with_its_error_and_an_admin_retries_it() {
        PersonSummary learner = w.studentsA().get(2);
        smtp.stop();
        ProjectFeedbackNotice n = notice("parked one");
        request(learner, n);
        Eventually.await("parked after 4 attempts", Duration.ofSeconds(20), () -> rows(
                "select count(*) from mail_delivery where recipient_id = ? and status = 'PARKED'", learner.id()) == 1);
        OutgoingMail parked = as(w.admin(), () -> outgoing.waiting()).stream()
                .filter(m -> m.toAddress().equals(learner.email())).findFirst().orElseThrow();
        assertThat(parked.status()).isEqualTo("PARKED");
        assertThat(parked.attempts()).isEqualTo(4);
        assertThat(parked.lastError()).isNotBlank();
        assertThat(as(w.admin(), () -> outgoing.status()).parked()).isGreaterThanOrEqualTo(1);

        smtp.start();
        as(w.admin(), () -> outgoing.retry(parked.id()));
        Eventually.await("the retried mail", Duration.ofSeconds(15), () -> smtp.receivedBy(learner.email()).size() == 1);
        // Marked SENT right after the SMTP server's answer, which may come a moment after GreenMail shows it.
        Eventually.await("the retried mail marked sent", Duration.ofSeconds(5), () -> rows(
                "select count(*) from mail_delivery where id = ? and status = 'SENT'", parked.id()) == 1);
    }

    @Test
    void a_thousand_notifications_queued_at_once_are_all_delivered_once() {
        List<PersonSummary> people = w.studentsA();
        int count = 1000;
        List<ProjectFeedbackNotice> notices = java.util.stream.IntStream.range(0, count).mapToObj(i -> notice("bulk " + i)).toList();
        long start = System.nanoTime();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            for (int i = 0; i < count; i++) {
                publisher.publishEvent(new NotificationRequested(people.get(i % people.size()).id(), notices.get(i)));
            }
        });
        long queuedMs = (System.nanoTime() - start) / 1_000_000;
        Set<String> keys = notices.stream().map(Notice::key).collect(Collectors.toSet());
        Eventually.await("1,000 mails sent", Duration.ofSeconds(120), () -> jdbc.sql(
                "select count(*) from mail_delivery where status = 'SENT' and event_key in (:keys)").param("keys", keys)
                .query(Long.class).single() == count);
        long sentMs = (System.nanoTime() - start) / 1_000_000;
        Set<String> subjects = people.stream().flatMap(p -> smtp.receivedBy(p.email()).stream()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).filter(s -> s.startsWith("bulk ")).toList().stream().collect(Collectors.toSet());
        long received = people.stream().flatMap(p -> smtp.receivedBy(p.email()).stream()).filter(m -> {
            try {
                return m.getSubject().startsWith("bulk ");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
        double p95 = jdbc.sql("""
                select percentile_cont(0.95) within group (order by extract(epoch from sent_at - created_at)) * 1000
                from mail_delivery where event_key in (:keys)""").param("keys", keys).query(Double.class).single();
        System.out.printf("1,000 QUEUED AT ONCE: queued-in-one-transaction=%d ms, all-handed-to-SMTP=%d ms after the start, "
                + "received=%d distinct=%d lost=%d duplicated=%d, commit-to-SMTP p95=%.0f ms%n",
                queuedMs, sentMs, received, subjects.size(), count - subjects.size(), received - subjects.size(), p95);
        assertThat(subjects).hasSize(count);
        assertThat(received).isEqualTo(count);
    }
}
