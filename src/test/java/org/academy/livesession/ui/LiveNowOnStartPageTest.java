package org.academy.livesession.ui;

import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.vaadin.flow.component.button.Button;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learner's start page picks up a session going live by push. (It found a real bug: the page
 * was built on attach only, so a second navigation to it showed the previous content.)
 */
@TestPropertySource(properties = "academy.presence.timeout=13s")
class LiveNowOnStartPageTest extends BrowserlessUiTest {

    @Autowired
    LiveSessionService liveSessions;

    @Test
    void the_learners_start_page_shows_a_session_going_live_without_refresh() {
        World world = fixtures.world();
        SessionSummary later = Actors.as(world.instructorA(), () -> liveSessions.schedule(world.cohortA().id(), "Afternoon",
                java.time.Instant.now().plusSeconds(3600), java.time.Instant.now().plusSeconds(7200)));
        open(world.studentA(), "learn");
        assertThat(find(Button.class).withId("join-session-" + later.id()).exists()).isFalse();

        Actors.as(world.instructorA(), () -> liveSessions.start(later.id()));
        Actors.login(world.studentA());
        awaitPush("live now", () -> find(Button.class).withId("join-session-" + later.id()).exists());
        test(find(Button.class).withId("join-session-" + later.id()).single()).click();
        assertThat(getCurrentView()).isInstanceOf(ParticipantView.class);
    }

}
