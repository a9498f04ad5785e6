package org.academy.base.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Resyncs spaced out on a hand-driven clock: nothing sleeps. */
class ResyncPacerTest {

    long now = 1_000_000_000L;
    final List<Long> resyncs = new ArrayList<>();
    final List<Runnable> scheduled = new ArrayList<>();
    final List<Long> dueAt = new ArrayList<>();
    final ResyncPacer paced = new ResyncPacer(Duration.ofSeconds(5), () -> resyncs.add(now), () -> now,
            (task, delay) -> {
                scheduled.add(task);
                dueAt.add(now + delay);
            });

    @Test
    void the_first_resync_runs_at_once_and_the_many_asked_for_soon_after_become_one_at_the_end_of_the_spacing() {
        assertThat(paced.request()).isTrue();
        for (int i = 0; i < 10; i++) {
            now += 300_000_000L;
            assertThat(paced.request()).as("a gap every 0.3 s").isFalse();
        }

        assertThat(resyncs).containsExactly(1_000_000_000L);
        assertThat(scheduled).as("one trailing resync for all ten").hasSize(1);
        assertThat(dueAt.getFirst()).as("due 5 s after the first").isEqualTo(6_000_000_000L);
        now = 6_000_000_000L;
        scheduled.getFirst().run();
        assertThat(resyncs).containsExactly(1_000_000_000L, 6_000_000_000L);

        now += 5_000_000_000L;
        assertThat(paced.request()).as("a gap after a quiet spacing runs at once again").isTrue();
        assertThat(resyncs).hasSize(3);
    }

    @Test
    void a_negative_spacing_is_refused_with_the_settings_name() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ResyncPacer(Duration.ofSeconds(-1), () -> { }))
                .hasMessageContaining("academy.cluster.resync-spacing");
    }
}
