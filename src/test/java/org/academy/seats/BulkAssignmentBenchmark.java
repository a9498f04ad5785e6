package org.academy.seats;

import java.time.Duration;
import java.time.LocalDate;

import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figure behind "10,000 good lines" (issue 9): a file of 10,000 new people into one cohort
 * pool, applied in batches of {@link SeatService#BATCH}. Prints the time (docs/performance.md):
 * <pre>
 * mvn -B test -Dtest=BulkAssignmentBenchmark -Dgroups=benchmark -Dtest.excludedGroups=none
 * </pre>
 */
@Tag("benchmark")
@IntegrationTest
class BulkAssignmentBenchmark {

    @Autowired
    SeatService seats;
    @Autowired
    Fixtures fixtures;

    @Test
    void ten_thousand_good_lines_are_applied_in_batches() {
        World w = fixtures.world(1, 1);
        int lines = Integer.getInteger("bench.lines", 10_000);
        SeatPoolSummary pool = as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), w.cohortA().id(),
                lines, LocalDate.now(), LocalDate.now().plusDays(30)));
        String tag = Long.toString(System.nanoTime());
        StringBuilder csv = new StringBuilder("email,name,pool\n");
        for (int i = 0; i < lines; i++) {
            csv.append("v").append(i).append('-').append(tag).append("@example.test,Volume ").append(i).append(',')
                    .append(pool.id()).append('\n');
        }

        long start = System.nanoTime();
        BulkAssignment result = as(w.orgAdminA(), () -> seats.bulkAssign(w.orgA().id(), csv.toString(),
                BulkAssignment.Mode.VALID_ROWS));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("BulkAssignmentBenchmark: %,d good lines applied in %.1f s (%.2f ms a line)%n", lines,
                took.toMillis() / 1000.0, took.toMillis() / (double) lines);

        assertThat(result.errors()).isEmpty();
        assertThat(result.applied()).isEqualTo(lines);
        assertThat(as(w.orgAdminA(), () -> seats.countHolders(pool.id(), ""))).isEqualTo(lines);
    }
}
