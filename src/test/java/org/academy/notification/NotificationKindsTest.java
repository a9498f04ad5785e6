package org.academy.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.academy.course.LessonSummary;
import org.academy.identity.IdentityService;
import org.academy.identity.PersonSummary;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.notification.NotificationType.EmailMode;
import org.academy.progress.ProgressService;
import org.academy.security.Role;
import org.academy.security.SystemActor;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;

/** Each event type notifies exactly the expected people on the expected channels, as they chose. */
@IntegrationTest
class NotificationKindsTest {

    static final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LiveSessionService sessions;
    @Autowired
    ProgressService progress;
    @Autowired
    IdentityService identity;
    @Autowired
    NotificationPreferenceService preferences;
    @Autowired
    NotificationService notifications;
    @Autowired
    DigestJob digests;
    @Autowired
    UnsubscribeTokens tokens;
    @Autowired
    UnsubscribeController unsubscribe;
    @Autowired
    org.academy.seats.SeatService seats;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    PlatformTransactionManager transactions;

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private long inApp(PersonSummary p, NotificationType type) {
        return count("select count(*) from notification where user_id = ? and kind = ?", p.id(), type.name());
    }

    /**
     * Mail rows in a status; "EMAIL" counts immediate mail in any state, since a mail worker of another
     * test's context (one with an SMTP server) may already be sending it.
     */
    private long mails(PersonSummary p, NotificationType type, String status) {
        if (status.equals("EMAIL")) {
            return count("select count(*) from mail_delivery where recipient_id = ? and type = ? and channel = 'EMAIL'",
                    p.id(), type.name());
        }
        return count("select count(*) from mail_delivery where recipient_id = ? and type = ? and status = ?", p.id(), type.name(), status);
    }

    private void request(PersonSummary to, Notice notice) {
        new TransactionTemplate(transactions).executeWithoutResult(
                tx -> publisher.publishEvent(new NotificationRequested(to.id(), notice)));
    }

    private SessionSummary session(World w) {
        Instant start = Instant.now().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.MINUTES);
        return as(w.instructorA(), () -> sessions.schedule(w.cohortA().id(), "Kick-off", start, start.plus(Duration.ofHours(1))));
    }

    @Test
    void an_announcement_reaches_every_member_but_its_author_in_the_app_and_by_no_mail_by_default() {
        World w = fixtures.world();
        SessionSummary s = session(w);
        as(w.instructorA(), () -> sessions.announce(s.id(), "Bring <coffee>"));
        for (PersonSummary learner : w.studentsA()) {
            assertThat(inApp(learner, NotificationType.ANNOUNCEMENT)).isEqualTo(1);
            assertThat(count("select count(*) from mail_delivery where recipient_id = ?", learner.id())).isZero();
        }
        assertThat(inApp(w.instructorA(), NotificationType.ANNOUNCEMENT)).isZero();
        assertThat(inApp(w.studentB(), NotificationType.ANNOUNCEMENT)).isZero();
        assertThat(as(w.studentA(), () -> notifications.mine(5)).getFirst().text()).contains("Bring <coffee>");
    }

    @Test
    void a_session_started_now_is_urgent_in_the_app_and_mailed_to_members_not_in_it() {
        World w = fixtures.world();
        SessionSummary s = session(w);
        as(w.instructorA(), () -> sessions.start(s.id()));
        for (PersonSummary learner : w.studentsA()) {
            assertThat(count("select count(*) from notification where user_id = ? and kind = 'SESSION_STARTING' and urgent",
                    learner.id())).isEqualTo(1);
            assertThat(mails(learner, NotificationType.SESSION_STARTING, "EMAIL")).isEqualTo(1);
        }
        assertThat(inApp(w.studentB(), NotificationType.SESSION_STARTING)).isZero();
    }

    @Test
    void an_invitation_is_mailed_with_its_one_time_link_and_not_shown_in_the_app() {
        World w = fixtures.world();
        String email = "invited-" + ids.incrementAndGet() + "@example.test";
        IdentityService.Invitee invitee = SystemActor.call(
                () -> identity.createInvited(w.orgA().id(), email, "Invited Person", Set.of(Role.STUDENT)));
        String body = jdbc.sql("select body_text from mail_delivery where recipient_id = ? and type = 'INVITATION'")
                .param(invitee.person().id()).query(String.class).single();
        assertThat(body).contains("http://localhost:8080/invitation/" + invitee.invitation());
        assertThat(jdbc.sql("select to_address from mail_delivery where recipient_id = ?").param(invitee.person().id())
                .query(String.class).single()).isEqualTo(email);
        assertThat(count("select count(*) from notification where user_id = ?", invitee.person().id())).isZero();
    }

    @Test
    void an_existing_account_given_a_seat_hears_of_it_in_the_app_and_by_mail_and_a_new_one_by_invitation_only() {
        World w = fixtures.world();
        var pool = as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseB().id(), null, 5,
                java.time.LocalDate.now(), java.time.LocalDate.now().plusDays(30)));
        as(w.orgAdminA(), () -> seats.assign(pool.id(), w.studentA().email(), w.studentA().displayName()));
        assertThat(inApp(w.studentA(), NotificationType.SEAT_ASSIGNED)).isEqualTo(1);
        assertThat(mails(w.studentA(), NotificationType.SEAT_ASSIGNED, "EMAIL")).isEqualTo(1);
        assertThat(as(w.studentA(), () -> notifications.mine(1)).getFirst().text()).contains(w.courseB().title());

        String email = "seat-new-" + ids.incrementAndGet() + "@example.test";
        var assignment = as(w.orgAdminA(), () -> seats.assign(pool.id(), email, "New Person"));
        long newcomer = assignment.holder().userId();
        assertThat(count("select count(*) from mail_delivery where recipient_id = ? and type = 'INVITATION'", newcomer)).isEqualTo(1);
        assertThat(count("select count(*) from mail_delivery where recipient_id = ? and type = 'SEAT_ASSIGNED'", newcomer)).isZero();
    }

    @Test
    void instructors_hear_once_when_half_the_cohort_finished_day_one() {
        World w = fixtures.world(3, 4);
        List<LessonSummary> lessons = w.courseA().lessons();
        PersonSummary instructor = w.instructorA();
        java.util.function.Consumer<PersonSummary> finishDayOne = learner -> lessons.subList(0, 2)
                .forEach(l -> as(learner, () -> progress.markComplete(w.cohortA().id(), l.id())));

        finishDayOne.accept(w.studentsA().get(0));
        assertThat(inApp(instructor, NotificationType.COHORT_MILESTONE)).isZero();
        finishDayOne.accept(w.studentsA().get(1));
        assertThat(inApp(instructor, NotificationType.COHORT_MILESTONE)).isEqualTo(1);
        assertThat(mails(instructor, NotificationType.COHORT_MILESTONE, "PENDING")).isEqualTo(1);
        finishDayOne.accept(w.studentsA().get(2));
        assertThat(inApp(instructor, NotificationType.COHORT_MILESTONE)).isEqualTo(1);
        assertThat(inApp(w.studentA(), NotificationType.COHORT_MILESTONE)).isZero();
    }

    @Test
    void preferences_decide_the_channels_of_each_type() {
        World w = fixtures.world();
        PersonSummary me = w.studentA();
        as(me, () -> preferences.change(NotificationType.MENTION, false, EmailMode.OFF));
        request(me, new MentionNotice(ids.incrementAndGet(), "Ann mentioned you", "chat/1"));
        assertThat(count("select count(*) from notification where user_id = ?", me.id())).isZero();
        assertThat(count("select count(*) from mail_delivery where recipient_id = ?", me.id())).isZero();

        as(me, () -> preferences.change(NotificationType.MENTION, true, EmailMode.IMMEDIATE));
        request(me, new MentionNotice(ids.incrementAndGet(), "Bob mentioned you", "chat/1"));
        assertThat(inApp(me, NotificationType.MENTION)).isEqualTo(1);
        assertThat(mails(me, NotificationType.MENTION, "EMAIL")).isEqualTo(1);

        assertThat(as(me, () -> preferences.mine())).extracting(NotificationType.Preference::type)
                .doesNotContain(NotificationType.INVITATION);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> as(me, () -> preferences.change(NotificationType.INVITATION, false, EmailMode.OFF)))
                .isInstanceOf(org.academy.base.InvalidRequestException.class);
        // Another person's choices are their own.
        assertThat(as(w.studentsA().get(1), () -> preferences.mine()).stream()
                .filter(p -> p.type() == NotificationType.MENTION).findFirst().orElseThrow())
                .isEqualTo(NotificationType.MENTION.defaults());
    }

    @Test
    void digest_items_become_one_mail_at_the_persons_hour_in_their_time_zone() {
        World w = fixtures.world();
        PersonSummary me = w.studentA();
        // The person's hour is twelve hours from now (in Tokyo), so the app's own digest job, which
        // runs on the real clock, cannot take the items first; the test runs the job at fixed instants.
        Instant now = Instant.now();
        java.time.ZoneId tokyo = java.time.ZoneId.of("Asia/Tokyo");
        Instant due = now.plus(Duration.ofHours(12)).atZone(tokyo).truncatedTo(ChronoUnit.HOURS).toInstant();
        int hour = due.atZone(tokyo).getHour();
        as(me, () -> preferences.changeDigest("Asia/Tokyo", hour));
        as(me, () -> preferences.change(NotificationType.PROJECT_FEEDBACK, true, EmailMode.DIGEST));
        request(me, new ProjectFeedbackNotice(ids.incrementAndGet(), 1, "Feedback one", "learn/1/lesson/1"));
        request(me, new ProjectFeedbackNotice(ids.incrementAndGet(), 1, "Feedback <two>", "learn/1/lesson/2"));
        assertThat(mails(me, NotificationType.PROJECT_FEEDBACK, "PENDING")).isEqualTo(2);

        digests.sendDue(due.minus(Duration.ofMinutes(1)));
        assertThat(mails(me, NotificationType.PROJECT_FEEDBACK, "PENDING")).isEqualTo(2);
        assertThat(count("select count(*) from mail_delivery where recipient_id = ? and type = 'DIGEST'", me.id())).isZero();

        digests.sendDue(due);
        digests.sendDue(due.plus(Duration.ofMinutes(5)));
        assertThat(mails(me, NotificationType.PROJECT_FEEDBACK, "DIGESTED")).isEqualTo(2);
        String body = jdbc.sql("select body_text from mail_delivery where recipient_id = ? and type = 'DIGEST' and channel = 'EMAIL'")
                .param(me.id()).query(String.class).single();
        assertThat(body).contains("Feedback one").contains("Feedback <two>").contains("http://localhost:8080/learn/1/lesson/2");
        String key = jdbc.sql("select event_key from mail_delivery where recipient_id = ? and type = 'DIGEST'").param(me.id())
                .query(String.class).single();
        assertThat(key).isEqualTo("digest:" + due.atZone(tokyo).toLocalDate());

        // An item after today's digest waits for tomorrow's.
        request(me, new ProjectFeedbackNotice(ids.incrementAndGet(), 1, "Feedback three", "learn/1/lesson/3"));
        digests.sendDue(due.plus(Duration.ofHours(2)));
        assertThat(mails(me, NotificationType.PROJECT_FEEDBACK, "PENDING")).isEqualTo(1);
        digests.sendDue(due.plus(Duration.ofHours(24)));
        assertThat(mails(me, NotificationType.PROJECT_FEEDBACK, "PENDING")).isZero();
        assertThat(count("select count(*) from mail_delivery where recipient_id = ? and type = 'DIGEST'", me.id())).isEqualTo(2);
        assertThat(ZoneOffset.UTC).isNotNull();
    }

    @Test
    void an_unsubscribe_link_stops_that_types_mail_and_a_forged_one_changes_nothing() {
        World w = fixtures.world();
        PersonSummary me = w.studentA();
        String token = tokens.token(me.id(), NotificationType.PROJECT_FEEDBACK);
        String forged = token.replace(me.id() + ".", w.studentsA().get(1).id() + ".");

        assertThat(unsubscribe.unsubscribe(forged).getStatusCode().value()).isEqualTo(404);
        assertThat(unsubscribe.unsubscribe("garbage").getStatusCode().value()).isEqualTo(404);
        assertThat(as(w.studentsA().get(1), () -> preferences.mine()).stream()
                .filter(p -> p.type() == NotificationType.PROJECT_FEEDBACK).findFirst().orElseThrow().email())
                .isEqualTo(EmailMode.IMMEDIATE);

        assertThat(unsubscribe.unsubscribe(token).getStatusCode().value()).isEqualTo(200);
        NotificationType.Preference now = as(me, () -> preferences.mine()).stream()
                .filter(p -> p.type() == NotificationType.PROJECT_FEEDBACK).findFirst().orElseThrow();
        assertThat(now.email()).isEqualTo(EmailMode.OFF);
        assertThat(now.inApp()).isTrue();
        request(me, new ProjectFeedbackNotice(ids.incrementAndGet(), 1, "after unsubscribing", "learn/1/lesson/1"));
        assertThat(count("select count(*) from mail_delivery where recipient_id = ?", me.id())).isZero();
    }
}
