package org.academy.presence;

import java.time.Duration;

import org.academy.base.NotFoundException;
import org.academy.testing.Eventually;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
@TestPropertySource(properties = "academy.presence.timeout=2s")
class PresenceServiceTest {

    @Autowired
    PresenceService presence;
    @Autowired
    CohortPresence registry;
    @Autowired
    Fixtures fixtures;

    World w;

    @BeforeEach
    void setUp() {
        w = fixtures.world();
    }

    MemberPresence of(long userId) {
        return as(w.instructorA(), () -> presence.members(w.cohortA().id())).stream()
                .filter(m -> m.userId() == userId).findFirst().orElseThrow();
    }

    @Test
    void several_tabs_are_one_person_and_leaving_records_last_seen() {
        PresenceHandle tab1 = as(w.studentA(), () -> presence.join(w.cohortA().id()));
        PresenceHandle tab2 = as(w.studentA(), () -> presence.join(w.cohortA().id()));
        assertThat(of(w.studentA().id()).online()).isTrue();
        assertThat(as(w.instructorA(), () -> presence.members(w.cohortA().id())))
                .filteredOn(MemberPresence::online).hasSize(1);

        tab1.close();
        assertThat(of(w.studentA().id()).online()).isTrue();
        tab2.close();
        MemberPresence gone = of(w.studentA().id());
        assertThat(gone.online()).isFalse();
        assertThat(gone.lastSeenAt()).isNotNull();
        assertThat(of(w.studentsA().get(1).id()).lastSeenAt()).isNull();
    }

    @Test
    void a_browser_that_vanishes_without_goodbye_goes_offline_after_the_timeout() {
        PresenceHandle crashed = as(w.studentA(), () -> presence.join(w.cohortA().id()));
        PresenceHandle alive = as(w.studentsA().get(1), () -> presence.join(w.cohortA().id()));
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < until) {
            alive.ping();
            sleep(200);
        }
        Eventually.await("the silent browser to go offline", Duration.ofSeconds(5), () -> !of(w.studentA().id()).online());
        assertThat(of(w.studentsA().get(1).id()).online()).isTrue();
        crashed.close();
        alive.close();
    }

    @Test
    void only_members_see_or_join_a_cohorts_presence() {
        assertThatThrownBy(() -> as(w.studentB(), () -> presence.join(w.cohortA().id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.studentB(), () -> presence.members(w.cohortA().id()))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void thousands_of_join_and_leave_cycles_leave_no_presence_entries_behind() {
        int before = registry.openViews();
        for (int i = 0; i < 3000; i++) {
            PresenceHandle h = as(w.studentsA().get(i % 3), () -> presence.join(w.cohortA().id()));
            h.ping();
            h.close();
        }
        assertThat(registry.openViews()).isEqualTo(before);
        assertThat(registry.online(w.cohortA().id())).isEmpty();
    }

    @Test
    void cohorts_everyone_has_left_hold_no_presence_memory_and_last_seen_is_fresh_after_each_departure() {
        int before = registry.cohortsHeld();
        PresenceHandle h = as(w.studentA(), () -> presence.join(w.cohortA().id()));
        assertThat(registry.cohortsHeld()).isEqualTo(before + 1);
        assertThat(of(w.studentA().id()).online()).isTrue();
        h.close();
        assertThat(registry.cohortsHeld()).isEqualTo(before);
        java.time.Instant first = of(w.studentA().id()).lastSeenAt();
        assertThat(first).isNotNull();

        PresenceHandle again = as(w.studentA(), () -> presence.join(w.cohortA().id()));
        PresenceHandle staying = as(w.studentsA().get(1), () -> presence.join(w.cohortA().id()));
        assertThat(of(w.studentA().id()).online()).isTrue();
        again.close();
        MemberPresence left = of(w.studentA().id());
        assertThat(left.online()).isFalse();
        assertThat(left.lastSeenAt()).isAfterOrEqualTo(first);
        staying.close();
        assertThat(registry.cohortsHeld()).isEqualTo(before);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
