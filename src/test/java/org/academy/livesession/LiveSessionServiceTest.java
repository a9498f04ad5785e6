package org.academy.livesession;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.push.Subscription;
import org.academy.base.push.TopicHub;
import org.academy.testing.Eventually;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TopicHub hub;
    @Autowired
    PlatformTransactionManager transactions;

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
    void a_join_whose_transaction_rolls_back_leaves_nobody_present() throws Exception {
        SessionSummary s = sessions.liveSessionOfA(world);
        int viewsBefore = presence.openViews();
        TransactionTemplate failing = new TransactionTemplate(transactions);
        AutoCloseable tab = as(world.studentA(), () -> failing.execute(tx -> {
            AutoCloseable joined = liveSessions.join(s.id());
            // The commit fails (here: rolled back on purpose) after the join did its work.
            tx.setRollbackOnly();
            return joined;
        }));

        assertThat(presence.present(s.id())).as("present though the arrival was never committed").isEmpty();
        assertThat(presence.openViews()).isEqualTo(viewsBefore);
        tab.close();
        assertThat(presence.present(s.id())).isEmpty();
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

    @Test
    void after_the_end_reactions_are_refused() {
        SessionSummary s = sessions.liveSessionOfA(world);
        as(world.instructorA(), () -> liveSessions.end(s.id()));
        assertThatThrownBy(() -> as(world.studentA(), () -> liveSessions.react(s.id(), ReactionKind.APPLAUSE)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ended");
        assertThat(jdbc.sql("select count(*) from reaction where session_id = ?").param(s.id()).query(Integer.class).single())
                .isZero();
    }

    @Test
    void attendance_records_leaving_and_the_minutes_present_while_the_session_was_live() throws Exception {
        SessionSummary s = sessions.liveSessionOfA(world);
        var ana = world.studentsA().get(0);
        var ben = world.studentsA().get(1);
        // Two tabs of Ana count as one stay; Ben stays to the end.
        AutoCloseable anaTab1 = as(ana, () -> liveSessions.join(s.id()));
        AutoCloseable anaTab2 = as(ana, () -> liveSessions.join(s.id()));
        AutoCloseable benTab = as(ben, () -> liveSessions.join(s.id()));
        // Time is moved by moving the data back: the session started 40 minutes ago, Ana came
        // 30 minutes ago, Ben 25.
        jdbc.sql("update live_session set started_at = now() - interval '40 minutes' where id = ?").param(s.id()).update();
        jdbc.sql("update session_attendance set present_since = now() - interval '30 minutes', first_joined_at = now() - interval '30 minutes' where session_id = ? and user_id = ?")
                .params(s.id(), ana.id()).update();
        jdbc.sql("update session_attendance set present_since = now() - interval '25 minutes', first_joined_at = now() - interval '25 minutes' where session_id = ? and user_id = ?")
                .params(s.id(), ben.id()).update();

        anaTab1.close();
        Attendee anaStill = byName(as(world.instructorA(), () -> liveSessions.attendance(s.id())), ana.displayName());
        assertThat(anaStill.present()).as("one of her tabs is still open").isTrue();

        anaTab2.close();
        Attendee anaLeft = byName(as(world.instructorA(), () -> liveSessions.attendance(s.id())), ana.displayName());
        assertThat(anaLeft.present()).isFalse();
        assertThat(anaLeft.minutesPresent()).isEqualTo(30);
        assertThat(anaLeft.lastSeenAt()).isAfter(anaLeft.firstJoinedAt().plus(Duration.ofMinutes(29)));

        // The session ends while Ben is there: his stay closes at the end, and his closing the tab later changes nothing.
        as(world.instructorA(), () -> liveSessions.end(s.id()));
        List<Attendee> atEnd = as(world.instructorA(), () -> liveSessions.attendance(s.id()));
        Attendee benAtEnd = byName(atEnd, ben.displayName());
        assertThat(benAtEnd.present()).isFalse();
        assertThat(benAtEnd.minutesPresent()).isEqualTo(25);
        assertThat(benAtEnd.lastSeenAt()).isNotEqualTo(benAtEnd.firstJoinedAt());
        benTab.close();
        assertThat(as(world.instructorA(), () -> liveSessions.attendance(s.id()))).isEqualTo(atEnd);
        System.out.printf("Attendance: Ana %d min (left), Ben %d min (stayed to the end)%n",
                anaLeft.minutesPresent(), benAtEnd.minutesPresent());
    }

    @Test
    void waiting_before_the_start_is_not_counted_as_present() throws Exception {
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        SessionSummary s = as(world.instructorA(), () -> liveSessions.schedule(world.cohortA().id(), "Later", start,
                start.plus(60, ChronoUnit.MINUTES)));
        AutoCloseable tab = as(world.studentA(), () -> liveSessions.join(s.id()));
        jdbc.sql("update session_attendance set present_since = now() - interval '20 minutes' where session_id = ?")
                .param(s.id()).update();
        tab.close();
        assertThat(byName(as(world.instructorA(), () -> liveSessions.attendance(s.id())), world.studentA().displayName())
                .minutesPresent()).isZero();
    }

    private static Attendee byName(List<Attendee> list, String name) {
        return list.stream().filter(a -> a.displayName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void opening_an_ended_session_leaves_its_attendance_as_it_was() throws Exception {
        SessionSummary s = sessions.liveSessionOfA(world);
        as(world.studentA(), () -> liveSessions.join(s.id())).close();
        as(world.instructorA(), () -> liveSessions.end(s.id()));
        List<Attendee> final_ = as(world.instructorA(), () -> liveSessions.attendance(s.id()));

        as(world.studentA(), () -> liveSessions.join(s.id())).close();
        as(world.studentsA().get(1), () -> liveSessions.join(s.id())).close();
        assertThat(as(world.instructorA(), () -> liveSessions.attendance(s.id()))).isEqualTo(final_);
    }

    @Test
    void an_arrival_is_pushed_only_once_its_attendance_has_committed() throws Exception {
        SessionSummary s = sessions.liveSessionOfA(world);
        List<SessionEvent> received = new CopyOnWriteArrayList<>();
        try (Subscription sub = hub.subscribe(SessionTopics.session(s.id()), received::addAll)) {
            AutoCloseable rolledBack = new TransactionTemplate(transactions).execute(tx -> {
                AutoCloseable tab = as(world.studentA(), () -> liveSessions.join(s.id()));
                tx.setRollbackOnly();
                return tab;
            });
            // The hub keeps order per subscriber: once this marker arrives, an earlier push would have too.
            SessionEvent marker = new SessionEvent(s.id(), -1, SessionEvent.Kind.SETTINGS);
            hub.publish(SessionTopics.session(s.id()), marker);
            Eventually.await("the marker", Duration.ofSeconds(5), () -> received.contains(marker));
            assertThat(received).containsExactly(marker);
            rolledBack.close();
            received.clear();

            AutoCloseable tab = as(world.studentsA().get(1), () -> liveSessions.join(s.id()));
            Eventually.await("the arrival", Duration.ofSeconds(5),
                    () -> received.stream().anyMatch(e -> e.kind() == SessionEvent.Kind.PRESENCE));
            tab.close();
        }
    }

    @Test
    void announcements_of_invisible_or_broken_characters_are_refused() {
        SessionSummary s = sessions.liveSessionOfA(world);
        for (String bad : List.of("\u200B\u00A0", "\u3164", "\uFEFF", "a\u0000b", "a\uDC00b")) {
            assertThatThrownBy(() -> as(world.instructorA(), () -> liveSessions.announce(s.id(), bad)))
                    .isInstanceOf(InvalidRequestException.class);
        }
        assertThat(as(world.studentA(), () -> liveSessions.announcements(world.cohortA().id(), 10))).isEmpty();
    }

    @Test
    void sessions_everyone_has_left_hold_no_presence_memory() throws Exception {
        int before = presence.sessionsHeld();
        for (int i = 0; i < 30; i++) {
            SessionSummary s = sessions.liveSessionOfA(world);
            AutoCloseable tab = as(world.studentA(), () -> liveSessions.join(s.id()));
            assertThat(as(world.studentA(), () -> liveSessions.present(s.id()))).hasSize(1);
            tab.close();
            assertThat(as(world.studentA(), () -> liveSessions.present(s.id()))).isEmpty();
        }
        assertThat(presence.sessionsHeld()).isEqualTo(before);
    }

    @Test
    void the_membership_cache_is_bounded_and_a_status_change_drops_a_sessions_entries() {
        SessionContextCache cache = new SessionContextCache(Duration.ofMinutes(1), 10);
        SessionSummary s = sessions.liveSessionOfA(world);
        SessionContext live = new SessionContext(s, org.academy.cohort.CohortAccess.LEARNER);
        for (long user = 1; user <= 100; user++) {
            cache.get(user, s.id(), () -> live);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(10);

        cache.get(1, 7, () -> live);
        cache.evictSession(7);
        AtomicInteger loads = new AtomicInteger();
        cache.get(1, 7, () -> {
            loads.incrementAndGet();
            return live;
        });
        assertThat(loads).hasValue(1);

        // A load that straddles an eviction may carry the old status: it is not kept.
        cache.get(2, 8, () -> {
            cache.evictSession(8);
            return live;
        });
        cache.get(2, 8, () -> {
            loads.incrementAndGet();
            return live;
        });
        assertThat(loads).hasValue(2);
    }
}
