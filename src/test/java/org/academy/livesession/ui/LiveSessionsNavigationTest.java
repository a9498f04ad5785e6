package org.academy.livesession.ui;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.sidenav.SideNavItem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instructor reaches a live session's console in one click: "Live sessions" in the menu lists
 * the live and upcoming sessions of the cohorts they teach, and the cohort's dashboard shows its
 * live or next session.
 */
class LiveSessionsNavigationTest extends BrowserlessUiTest {

    @Autowired
    LiveSessionService liveSessions;
    @Autowired
    Sessions sessions;

    World world;

    @BeforeEach
    void setUp() {
        world = fixtures.world();
    }

    private SessionSummary scheduleA(String title, Instant start) {
        return Actors.as(world.instructorA(), () -> liveSessions.schedule(world.cohortA().id(), title, start,
                start.plus(1, ChronoUnit.HOURS)));
    }

    @Test
    void the_menu_leads_instructors_to_live_and_upcoming_sessions_of_their_own_cohorts_only() {
        SessionSummary later = scheduleA("Day 2 check-in", Instant.now().plus(1, ChronoUnit.DAYS));
        SessionSummary live = sessions.liveSessionOfA(world);
        SessionSummary ended = scheduleA("Yesterday's", Instant.now().plus(2, ChronoUnit.HOURS));
        Actors.as(world.instructorA(), () -> liveSessions.start(ended.id()));
        Actors.as(world.instructorA(), () -> liveSessions.end(ended.id()));
        SessionSummary other = sessions.liveSessionOfB(world);

        open(world.instructorA(), "cohorts");
        assertThat(find(SideNavItem.class).all()).anySatisfy(item -> {
            assertThat(item.getLabel()).isEqualTo("Live sessions");
            assertThat(item.getPath()).isEqualTo("live-sessions");
        });

        open(world.instructorA(), "live-sessions");
        // Live first, then upcoming; never ended ones, never another instructor's cohort.
        assertThat(find(Div.class).withClassName("agenda-card").all()).extracting(d -> d.getId().orElseThrow())
                .containsExactly("agenda-" + live.id(), "agenda-" + later.id());
        Anchor console = find(Anchor.class).withId("agenda-" + live.id() + "-console").single();
        assertThat(console.getHref()).isEqualTo("sessions/" + live.id() + "/facilitate");
        assertThat(console.getText()).isEqualTo("Open console");
        assertThat(find(Div.class).withId("agenda-" + other.id()).all()).isEmpty();
        assertThat(find(Div.class).withId("agenda-" + ended.id()).all()).isEmpty();
    }

    @Test
    void a_session_started_elsewhere_appears_on_the_list_without_reloading() {
        open(world.instructorA(), "live-sessions");
        assertThat(find(Div.class).withClassName("agenda-card").all()).isEmpty();
        SessionSummary live = sessions.liveSessionOfA(world);
        Actors.login(world.instructorA());
        awaitPush("the new live session on the list",
                () -> !find(Div.class).withId("agenda-" + live.id()).all().isEmpty());
    }

    @Test
    void the_cohort_dashboard_shows_the_next_session_and_then_the_live_one_with_its_console() {
        SessionSummary next = scheduleA("Day 1 kick-off", Instant.now().plus(3, ChronoUnit.HOURS));
        open(world.instructorA(), "cohorts/" + world.cohortA().id());
        Div card = find(Div.class).withId("dashboard-session").single();
        assertThat(card.isVisible()).isTrue();
        assertThat(card.getElement().getTextRecursively()).contains("Next session").contains("Day 1 kick-off");
        assertThat(find(Anchor.class).withId("dashboard-session-console").single().getHref())
                .isEqualTo("sessions/" + next.id() + "/facilitate");

        Actors.as(world.instructorA(), () -> liveSessions.start(next.id()));
        Actors.login(world.instructorA());
        awaitPush("Live now on the dashboard", () -> find(Div.class).withId("dashboard-session").single()
                .getElement().getTextRecursively().contains("Live now"));
    }

    @Test
    void a_cohort_without_sessions_shows_no_session_card() {
        open(world.instructorA(), "cohorts/" + world.cohortA().id());
        // Hidden components are not found: the card is there only when there is a session to show.
        assertThat(find(Div.class).withId("dashboard-session").all()).isEmpty();
    }
}
