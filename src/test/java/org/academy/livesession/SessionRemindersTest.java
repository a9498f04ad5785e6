package org.academy.livesession;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.academy.identity.PersonSummary;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;

/** Reminders 24 hours and 15 minutes before a session, run at fixed instants: each once per member. */
@IntegrationTest
class SessionRemindersTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    LiveSessionService sessions;
    @Autowired
    SessionNotices notices;
    @Autowired
    JdbcClient jdbc;

    private long reminders(PersonSummary p, long sessionId, String when) {
        return jdbc.sql("select count(*) from notification where user_id = ? and event_key = ?")
                .params(p.id(), "session:" + sessionId + ":0:" + when).query(Long.class).single();
    }

    @Test
    void each_member_is_reminded_once_a_day_before_and_once_a_quarter_of_an_hour_before() {
        World w = fixtures.world();
        Instant start = Instant.now().plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.MINUTES);
        SessionSummary s = as(w.instructorA(), () -> sessions.schedule(w.cohortA().id(), "Day 2", start, start.plus(Duration.ofHours(2))));

        notices.remind(start.minus(Duration.ofHours(25)));
        assertThat(reminders(w.studentA(), s.id(), "IN_24_HOURS")).isZero();

        notices.remind(start.minus(Duration.ofHours(24)).plusSeconds(30));
        notices.remind(start.minus(Duration.ofHours(23)));
        for (PersonSummary member : w.studentsA()) {
            assertThat(reminders(member, s.id(), "IN_24_HOURS")).isEqualTo(1);
        }
        assertThat(reminders(w.instructorA(), s.id(), "IN_24_HOURS")).isEqualTo(1);
        assertThat(reminders(w.studentB(), s.id(), "IN_24_HOURS")).isZero();
        assertThat(reminders(w.studentA(), s.id(), "IN_15_MINUTES")).isZero();

        notices.remind(start.minus(Duration.ofMinutes(14)));
        notices.remind(start.minus(Duration.ofMinutes(5)));
        assertThat(reminders(w.studentA(), s.id(), "IN_15_MINUTES")).isEqualTo(1);
        // Mailed at once by default (SESSION_STARTING), once per reminder.
        assertThat(jdbc.sql("select count(*) from mail_delivery where recipient_id = ? and event_key like ?")
                .params(w.studentA().id(), "session:" + s.id() + ":%").query(Long.class).single()).isEqualTo(2);
    }
}
