package org.academy.livesession;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class LiveSessionServiceTest {

    @Autowired
    LiveSessionService liveSessions;
    @Autowired
    SessionPresence presence;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Sessions sessions;

    World world;

    @BeforeEach
    void setUp() {
        world = fixtures.world();
    }

    @Test
    void an_instructor_schedules_starts_and_ends_a_session_of_their_cohort() {
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        SessionSummary s = as(world.instructorA(), () -> liveSessions.schedule(world.cohortA().id(), "Kick-off", start,
                start.plus(90, ChronoUnit.MINUTES)));
        assertThat(s.status()).isEqualTo(SessionStatus.SCHEDULED);
        assertThat(as(world.studentA(), () -> liveSessions.sessionsOf(world.cohortA().id()))).extracting(SessionSummary::id)
                .contains(s.id());

        assertThat(as(world.instructorA(), () -> liveSessions.start(s.id())).status()).isEqualTo(SessionStatus.LIVE);
        SessionSummary ended = as(world.instructorA(), () -> liveSessions.end(s.id()));
        assertThat(ended.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(ended.endedAt()).isNotNull();
        assertThatThrownBy(() -> as(world.instructorA(), () -> liveSessions.start(s.id())))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void learners_and_other_instructors_cannot_schedule_or_run_sessions() {
        Instant start = Instant.now();
        assertThatThrownBy(() -> as(world.studentA(), () -> liveSessions.schedule(world.cohortA().id(), "Mine", start,
                start.plusSeconds(60)))).isInstanceOf(NotFoundException.class);
        SessionSummary s = sessions.liveSessionOfA(world);
        assertThatThrownBy(() -> as(world.studentA(), () -> liveSessions.end(s.id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(world.instructorB(), () -> liveSessions.end(s.id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(world.studentB(), () -> liveSessions.context(s.id()))).isInstanceOf(NotFoundException.class);
        assertThat(as(world.instructorA(), () -> liveSessions.context(s.id())).session().status()).isEqualTo(SessionStatus.LIVE);
    }

    @Test
    void a_session_needs_a_title_and_an_end_after_its_start() {
        Instant start = Instant.now();
        assertThatThrownBy(() -> as(world.instructorA(), () -> liveSessions.schedule(world.cohortA().id(), " ", start,
                start.plusSeconds(60)))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> as(world.instructorA(), () -> liveSessions.schedule(world.cohortA().id(), "Backwards",
                start, start.minusSeconds(60)))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void several_tabs_are_one_person_and_the_last_tab_closing_leaves() throws Exception {
        SessionSummary s = sessions.liveSessionOfA(world);
        AutoCloseable tab1 = as(world.studentA(), () -> liveSessions.join(s.id()));
        AutoCloseable tab2 = as(world.studentA(), () -> liveSessions.join(s.id()));
        AutoCloseable other = as(world.studentsA().get(1), () -> liveSessions.join(s.id()));
        assertThat(as(world.instructorA(), () -> liveSessions.present(s.id()))).hasSize(2);

        tab1.close();
        tab1.close();
        assertThat(as(world.instructorA(), () -> liveSessions.present(s.id()))).extracting(PresentPerson::userId)
                .containsExactlyInAnyOrder(world.studentA().id(), world.studentsA().get(1).id());
        tab2.close();
        other.close();
        assertThat(as(world.instructorA(), () -> liveSessions.present(s.id()))).isEmpty();
        assertThat(as(world.instructorA(), () -> liveSessions.attendance(s.id()))).hasSize(2);
    }

    @Test
    void thousands_of_join_and_leave_cycles_leave_no_presence_behind() throws Exception {
        SessionSummary s = sessions.liveSessionOfA(world);
        int before = presence.openViews();
        for (int i = 0; i < 2000; i++) {
            AutoCloseable tab = as(world.studentsA().get(i % 3), () -> liveSessions.join(s.id()));
            tab.close();
        }
        assertThat(presence.openViews()).isEqualTo(before);
        assertThat(presence.present(s.id())).isEmpty();
    }

    @Test
    void announcements_are_kept_for_the_cohort_and_only_staff_make_them() {
        SessionSummary s = sessions.liveSessionOfA(world);
        as(world.instructorA(), () -> liveSessions.announce(s.id(), "Break until 11:00"));
        assertThat(as(world.studentA(), () -> liveSessions.announcements(world.cohortA().id(), 10)))
                .extracting(Announcement::text).containsExactly("Break until 11:00");
        assertThatThrownBy(() -> as(world.studentA(), () -> liveSessions.announce(s.id(), "Party!")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(world.studentB(), () -> liveSessions.announcements(world.cohortA().id(), 10)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(world.instructorA(), () -> liveSessions.announce(s.id(), "")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void reactions_are_counted_over_the_last_minute_and_a_flood_is_limited_per_person() {
        SessionSummary s = sessions.liveSessionOfA(world);
        as(world.studentA(), () -> liveSessions.react(s.id(), ReactionKind.TOO_FAST));
        as(world.studentsA().get(1), () -> liveSessions.react(s.id(), ReactionKind.TOO_FAST));
        as(world.studentsA().get(1), () -> liveSessions.react(s.id(), ReactionKind.APPLAUSE));

        Map<ReactionKind, Integer> counts = as(world.instructorA(), () -> liveSessions.recentReactions(s.id()));
        assertThat(counts).containsEntry(ReactionKind.TOO_FAST, 2).containsEntry(ReactionKind.APPLAUSE, 1)
                .containsEntry(ReactionKind.TOO_SLOW, 0);

        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            try {
                as(world.studentsA().get(2), () -> liveSessions.react(s.id(), ReactionKind.THUMBS_UP));
                accepted++;
            } catch (InvalidRequestException limited) {
                // expected once the bucket is empty
            }
        }
        assertThat(accepted).isLessThan(100).isGreaterThanOrEqualTo(30);
        as(world.studentA(), () -> liveSessions.react(s.id(), ReactionKind.THUMBS_UP));
        assertThatThrownBy(() -> as(world.instructorA(), () -> liveSessions.react(s.id(), ReactionKind.THUMBS_UP)))
                .isInstanceOf(NotFoundException.class);
    }
}
