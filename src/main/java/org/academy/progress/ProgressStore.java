package org.academy.progress;

import org.academy.base.RecordRowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Completions and activity in plain SQL: both are upserts whose outcome (inserted or not) decides
 * whether an event is published, which the database answers atomically and JPA does not.
 */
@Repository
class ProgressStore {

    record Completion(long userId, long lessonId, Instant completedAt) {
    }

    record Activity(long userId, Instant lastActivityAt) {
    }

    private final JdbcClient jdbc;

    ProgressStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true if this call recorded the completion, false if it was already there */
    boolean complete(long userId, long lessonId, Instant at) {
        return jdbc.sql("""
                insert into lesson_completion (user_id, lesson_id, completed_at) values (?, ?, ?)
                on conflict (user_id, lesson_id) do nothing
                """).params(userId, lessonId, Timestamp.from(at)).update() == 1;
    }

    void touch(long cohortId, long userId, Instant at) {
        // greatest(): a late, slower transaction must not move last activity backwards.
        jdbc.sql("""
                insert into learner_activity (cohort_id, user_id, last_activity_at) values (?, ?, ?)
                on conflict (cohort_id, user_id)
                do update set last_activity_at = greatest(learner_activity.last_activity_at, excluded.last_activity_at)
                """).params(cohortId, userId, Timestamp.from(at)).update();
    }

    Set<Long> completedLessons(long userId, long courseId) {
        return jdbc.sql("""
                select lc.lesson_id from lesson_completion lc join lesson l on l.id = lc.lesson_id
                where lc.user_id = ? and l.course_id = ?
                """).params(userId, courseId).query(Long.class).set();
    }

    boolean isCompleted(long userId, long lessonId) {
        return jdbc.sql("select 1 from lesson_completion where user_id = ? and lesson_id = ?")
                .params(userId, lessonId).query(Integer.class).optional().isPresent();
    }

    /** Completions of the cohort's enrolled learners on lessons of its course. */
    List<Completion> cohortCompletions(long cohortId, long courseId) {
        return jdbc.sql("""
                select lc.user_id, lc.lesson_id, lc.completed_at
                from lesson_completion lc
                join enrolment e on e.user_id = lc.user_id and e.cohort_id = ?
                join lesson l on l.id = lc.lesson_id and l.course_id = ?
                """).params(cohortId, courseId).query(RecordRowMapper.of(Completion.class)).list();
    }

    long cohortCompletionCount(long cohortId, long courseId) {
        return jdbc.sql("""
                select count(*) from lesson_completion lc
                join enrolment e on e.user_id = lc.user_id and e.cohort_id = ?
                join lesson l on l.id = lc.lesson_id and l.course_id = ?
                """).params(cohortId, courseId).query(Long.class).single();
    }

    List<Activity> cohortActivity(long cohortId) {
        return jdbc.sql("select user_id, last_activity_at from learner_activity where cohort_id = ?")
                .param(cohortId).query(RecordRowMapper.of(Activity.class)).list();
    }

    static Set<Long> lessonIds(List<Completion> completions) {
        return completions.stream().map(Completion::lessonId).collect(Collectors.toSet());
    }
}
