package org.academy.base.cluster;

import java.time.Duration;

import org.academy.base.cluster.EventCodec.Kind;
import org.academy.base.cluster.EventCodec.Mark;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The numbers alone, on a clock of the test's own (nanoseconds, as the hub reads them). */
class GapTrackerTest {

    static final long SECOND = 1_000_000_000L;

    final GapTracker tracker = new GapTracker(Duration.ofSeconds(3), Duration.ofMinutes(10), 0);

    static Mark batch(long incarnation, long number) {
        return new Mark(incarnation, number, Kind.BATCH);
    }

    static Mark beat(long incarnation, long number) {
        return new Mark(incarnation, number, Kind.BEAT);
    }

    @Test
    void batches_in_order_and_beats_that_repeat_the_last_number_are_no_gap() {
        assertThat(tracker.heard("a", beat(7, 0), 1)).isNull();
        assertThat(tracker.heard("a", batch(7, 1), 2)).isNull();
        assertThat(tracker.heard("a", batch(7, 2), 3)).isNull();
        assertThat(tracker.heard("a", beat(7, 2), 4)).isNull();
        assertThat(tracker.heard("a", beat(7, 2), 5)).isNull();
        assertThat(tracker.heard("a", batch(7, 3), 6)).isNull();
    }

    @Test
    void a_skipped_number_is_a_gap_naming_the_node_and_the_numbers_and_the_next_one_is_not() {
        tracker.heard("a", batch(7, 1), 1);
        GapTracker.Gap gap = tracker.heard("a", batch(7, 3), 2);
        assertThat(gap).isNotNull();
        assertThat(gap).hasToString("node a: numbers 2 to 2 missing before batch 3 of incarnation 7");
        assertThat(tracker.heard("a", batch(7, 4), 3)).isNull();
        assertThat(tracker.heard("a", beat(7, 4), 4)).isNull();
    }

    @Test
    void a_beat_past_the_last_batch_heard_reveals_a_lost_last_batch() {
        tracker.heard("a", batch(7, 1), 1);
        assertThat(tracker.heard("a", beat(7, 2), 2)).hasToString("node a: numbers 2 to 2 missing before beat 2 of incarnation 7");
        assertThat(tracker.heard("a", beat(7, 2), 3)).isNull();
    }

    @Test
    void a_node_that_said_goodbye_and_restarted_counting_from_one_is_no_gap() {
        tracker.heard("a", batch(7, 1), 1);
        tracker.heard("a", batch(7, 2), 2);
        assertThat(tracker.heard("a", new Mark(7, 2, Kind.BYE), 3)).isNull();
        assertThat(tracker.heard("a", beat(9, 0), 4 * SECOND)).isNull();
        assertThat(tracker.heard("a", batch(9, 1), 5 * SECOND)).isNull();
    }

    @Test
    void a_goodbye_past_the_last_batch_heard_is_a_gap_too() {
        tracker.heard("a", batch(7, 1), 1);
        assertThat(tracker.heard("a", new Mark(7, 2, Kind.BYE), 2)).isNotNull();
    }

    @Test
    void a_node_restarted_without_a_goodbye_is_one_gap_and_its_new_numbers_are_followed_from_there() {
        tracker.heard("a", batch(7, 1), 1);
        GapTracker.Gap gap = tracker.heard("a", batch(9, 1), 2);
        assertThat(gap).isNotNull();
        assertThat(gap.why()).isEqualTo(
                "restarted without a goodbye: heard up to number 1 of incarnation 7, then batch 1 of incarnation 9");
        assertThat(tracker.heard("a", batch(9, 2), 3)).isNull();
        assertThat(tracker.heard("a", beat(9, 2), 4)).isNull();
    }

    @Test
    void a_node_restarted_after_a_goodbye_whose_first_batch_is_missing_is_a_gap() {
        tracker.heard("a", new Mark(7, 0, Kind.BYE), 1);
        assertThat(tracker.heard("a", batch(9, 2), 2)).isNotNull();
    }

    @Test
    void a_node_first_heard_of_past_its_first_number_is_no_gap_while_this_node_has_just_started_listening() {
        assertThat(tracker.heard("a", batch(7, 40), 2 * SECOND)).isNull();
        assertThat(tracker.heard("b", beat(3, 12), 2 * SECOND)).isNull();
        assertThat(tracker.nodes()).isEqualTo(2);
    }

    @Test
    void a_node_first_heard_of_past_its_first_number_long_after_this_node_started_listening_is_a_gap() {
        assertThat(tracker.heard("a", batch(7, 1), 10 * SECOND)).isNull();
        assertThat(tracker.heard("b", beat(3, 0), 10 * SECOND)).isNull();
        assertThat(tracker.heard("c", batch(5, 2), 10 * SECOND)).isNotNull();
        assertThat(tracker.heard("d", beat(5, 1), 10 * SECOND)).isNotNull();
    }

    @Test
    void after_starting_over_the_numbers_missed_meanwhile_are_not_reported_again() {
        tracker.heard("a", batch(7, 1), 100 * SECOND);
        tracker.startOver(200 * SECOND);
        assertThat(tracker.heard("a", batch(7, 9), 201 * SECOND)).isNull();
        assertThat(tracker.heard("a", batch(7, 10), 202 * SECOND)).isNull();
    }

    @Test
    void a_number_lower_than_the_last_never_moves_it_back() {
        tracker.heard("a", batch(7, 5), 1);
        assertThat(tracker.heard("a", batch(7, 3), 2)).isNull();
        assertThat(tracker.heard("a", batch(7, 6), 3)).isNull();
    }

    @Test
    void nodes_not_heard_of_for_longer_than_the_limit_are_forgotten() {
        tracker.heard("a", batch(7, 1), 0);
        tracker.heard("b", batch(8, 1), 9 * 60 * SECOND);
        tracker.forgetSilent(11 * 60 * SECOND);
        assertThat(tracker.nodes()).isEqualTo(1);
    }
}
