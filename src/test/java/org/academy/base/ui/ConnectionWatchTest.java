package org.academy.base.ui;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionWatchTest {

    final ConnectionWatch watch = new ConnectionWatch(Duration.ofSeconds(1), Duration.ofSeconds(2), 250, "", Duration.ofSeconds(12));

    @AfterEach
    void stop() {
        watch.destroy();
    }

    @Test
    void a_few_pages_get_a_beat_every_interval_and_many_share_the_budget() {
        assertThat(Duration.ofNanos(watch.beatEveryNanos(0))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(watch.beatEveryNanos(250))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(watch.beatEveryNanos(1000))).isEqualTo(Duration.ofSeconds(4));
        assertThat(Duration.ofNanos(watch.beatEveryNanos(5000))).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void the_beat_timeout_must_leave_room_for_a_missed_beat() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new ConnectionWatch(Duration.ofSeconds(1), Duration.ofMillis(1500), 250, "", Duration.ofSeconds(12)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
