package org.academy.progress;

import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CohortMilestonesTest {

    @Autowired
    ProgressService progress;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    private long rows(String table, String key) {
        return jdbc.sql("select count(*) from " + table + " where event_key = ?").param(key).query(Long.class).single();
    }

    @Test
    void a_milestone_is_announced_once_even_after_retention_deleted_the_notifications_that_announced_it() {
        World w = fixtures.world(3, 4);
        long cohort = w.cohortA().id();
        long first = w.courseA().lessons().get(0).id();
        long second = w.courseA().lessons().get(1).id();
        String key = "milestone:" + cohort + ":" + CohortMilestones.HALF_FINISHED_DAY_1;
        // Day 1 is the first two of four lessons; two of three learners finishing it is half the cohort.
        for (int learner = 0; learner < 2; learner++) {
            var who = w.studentsA().get(learner);
            as(who, () -> progress.markComplete(cohort, first));
            as(who, () -> progress.markComplete(cohort, second));
        }
        assertThat(rows("notification", key)).isEqualTo(1);
        assertThat(rows("mail_delivery", key)).isEqualTo(1);

        // What NotificationRetention does once the rows are old enough.
        jdbc.sql("delete from notification where event_key = ?").param(key).update();
        jdbc.sql("delete from mail_delivery where event_key = ?").param(key).update();
        as(w.studentsA().get(2), () -> progress.markComplete(cohort, first));

        assertThat(rows("notification", key)).isZero();
        assertThat(rows("mail_delivery", key)).isZero();
        assertThat(jdbc.sql("select count(*) from cohort_milestone where cohort_id = ?").param(cohort).query(Long.class).single())
                .isEqualTo(1);
    }
}
