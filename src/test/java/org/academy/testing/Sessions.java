package org.academy.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.testing.Fixtures.World;
import org.springframework.boot.test.context.TestComponent;

/** Live sessions for tests, scheduled and started by the cohort's own instructor. */
@TestComponent
public class Sessions {

    private final LiveSessionService sessions;

    public Sessions(LiveSessionService sessions) {
        this.sessions = sessions;
    }

    public SessionSummary liveSessionOfA(World world) {
        return Actors.as(world.instructorA(), () -> {
            Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            SessionSummary s = sessions.schedule(world.cohortA().id(), "Live Q&A", start, start.plus(1, ChronoUnit.HOURS));
            return sessions.start(s.id());
        });
    }

    public SessionSummary liveSessionOfB(World world) {
        return Actors.as(world.instructorB(), () -> {
            Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            SessionSummary s = sessions.schedule(world.cohortB().id(), "Live B", start, start.plus(1, ChronoUnit.HOURS));
            return sessions.start(s.id());
        });
    }
}
