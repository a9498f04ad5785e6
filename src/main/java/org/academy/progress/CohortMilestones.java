package org.academy.progress;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.academy.notification.CohortMilestoneNotice;
import org.academy.notification.NotificationRequested;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "Half the cohort finished day 1", for the cohort's instructors, in the transaction of the
 * completion that reached it. Day 1 is the first half of the course's lessons (the courses are two
 * days). Every later completion finds it reached again: the {@code cohort_milestone} row, claimed
 * in the same transaction, makes it announced once, also after retention has deleted the
 * notifications and mail that announced it (their event keys were its only memory before V20).
 */
@Component
class CohortMilestones {

    static final String HALF_FINISHED_DAY_1 = "half the cohort finished day 1";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CohortMilestones(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void completed(LessonCompleted completed) {
        long cohortId = completed.cohortId();
        Boolean reached = jdbc.sql("""
                with day1 as (
                    select l.id from lesson l join cohort c on c.course_id = l.course_id where c.id = :cohort
                    order by l.position
                    limit (select ceil(count(*) / 2.0) from lesson l join cohort c on c.course_id = l.course_id where c.id = :cohort)),
                learners as (select user_id from enrolment where cohort_id = :cohort),
                finished as (
                    select lc.user_id from lesson_completion lc
                    where lc.user_id in (select user_id from learners) and lc.lesson_id in (select id from day1)
                    group by lc.user_id having count(*) = (select count(*) from day1))
                select (select count(*) from day1) > 0
                   and (select count(*) from finished) * 2 >= (select count(*) from learners)
                   and (select count(*) from finished) >= 1
                """).param("cohort", cohortId).query(Boolean.class).single();
        if (!Boolean.TRUE.equals(reached) || !claim(cohortId, HALF_FINISHED_DAY_1)) {
            return;
        }
        String name = jdbc.sql("select name from cohort where id = ?").param(cohortId).query(String.class).single();
        List<Long> instructors = jdbc.sql("select user_id from cohort_instructor where cohort_id = ?").param(cohortId)
                .query(Long.class).list();
        for (long instructor : instructors) {
            events.publishEvent(new NotificationRequested(instructor,
                    new CohortMilestoneNotice(cohortId, HALF_FINISHED_DAY_1, name, "cohorts/" + cohortId)));
        }
    }

    /** False when the milestone was announced before; two completions reaching it together claim it once. */
    private boolean claim(long cohortId, String milestone) {
        return jdbc.sql("""
                insert into cohort_milestone (cohort_id, milestone, reached_at) values (?, ?, ?)
                on conflict (cohort_id, milestone) do nothing
                """).params(cohortId, milestone, Timestamp.from(clock.instant())).update() == 1;
    }
}
