package org.academy.livesession.ui;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionStatus;
import org.academy.livesession.SessionSummary;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting a session far from its scheduled time asks first; on time it starts at once. */
class StartFarFromScheduleTest extends BrowserlessUiTest {

    @Autowired
    LiveSessionService liveSessions;

    World world;

    @BeforeEach
    void setUp() {
        world = fixtures.world();
    }

    private SessionSummary scheduled(Instant start) {
        return Actors.as(world.instructorA(), () -> liveSessions.schedule(world.cohortA().id(), "Day 2 check-in", start,
                start.plus(1, ChronoUnit.HOURS)));
    }

    private SessionStatus status(SessionSummary s) {
        return Actors.as(world.instructorA(), () -> liveSessions.context(s.id())).session().status();
    }

    @Test
    void starting_a_day_early_asks_first_and_cancelling_leaves_it_scheduled() {
        SessionSummary tomorrow = scheduled(Instant.now().plus(1, ChronoUnit.DAYS));
        open(world.instructorA(), "sessions/" + tomorrow.id() + "/facilitate");
        test(find(Button.class).withId("start-session").single()).click();

        ConfirmDialog dialog = find(ConfirmDialog.class).single();
        assertThat(dialog.getId()).hasValue("confirm-early-start");
        assertThat(dialog.getElement().getProperty("message")).contains("scheduled for").contains("from now");
        assertThat(status(tomorrow)).isEqualTo(SessionStatus.SCHEDULED);
        test(dialog).cancel();
        assertThat(status(tomorrow)).isEqualTo(SessionStatus.SCHEDULED);

        test(find(Button.class).withId("start-session").single()).click();
        test(find(ConfirmDialog.class).single()).confirm();
        assertThat(status(tomorrow)).isEqualTo(SessionStatus.LIVE);
    }

    @Test
    void starting_long_after_its_scheduled_end_asks_first() {
        SessionSummary yesterday = scheduled(Instant.now().minus(1, ChronoUnit.DAYS));
        open(world.instructorA(), "sessions/" + yesterday.id() + "/facilitate");
        test(find(Button.class).withId("start-session").single()).click();
        assertThat(find(ConfirmDialog.class).single().getElement().getProperty("message")).contains("was due to end");
        assertThat(status(yesterday)).isEqualTo(SessionStatus.SCHEDULED);
    }

    @Test
    void starting_on_time_starts_at_once() {
        SessionSummary now = scheduled(Instant.now().plus(10, ChronoUnit.MINUTES));
        open(world.instructorA(), "sessions/" + now.id() + "/facilitate");
        test(find(Button.class).withId("start-session").single()).click();
        assertThat(find(ConfirmDialog.class).all()).isEmpty();
        assertThat(status(now)).isEqualTo(SessionStatus.LIVE);
    }
}
