package org.academy.base;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The lock that makes a scheduled job run on one node of a cluster, on this schema's table. */
@IntegrationTest
class SchedulingLockTest {

    @Autowired
    LockProvider locks;

    @Test
    void while_one_node_holds_a_jobs_lock_another_cannot_take_it_and_can_once_it_is_released() {
        LockConfiguration job = new LockConfiguration(Instant.now(), "test-job-" + System.nanoTime(),
                Duration.ofMinutes(5), Duration.ZERO);

        Optional<SimpleLock> first = locks.lock(job);
        assertThat(first).isPresent();
        assertThat(locks.lock(job)).isEmpty();

        first.get().unlock();
        Optional<SimpleLock> again = locks.lock(job);
        assertThat(again).isPresent();
        again.get().unlock();
    }
}
