package org.academy.cohort;

import org.academy.course.CourseReaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A course's readers are the learners and instructors of its cohorts. */
@Component
class CohortCourseReaders implements CourseReaders {

    private final JdbcClient jdbc;

    CohortCourseReaders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean learns(long userId, long courseId) {
        return jdbc.sql("""
                select 1 from enrolment e join cohort c on c.id = e.cohort_id where e.user_id = ? and c.course_id = ? limit 1
                """).params(userId, courseId).query(Integer.class).optional().isPresent();
    }

    @Override
    public boolean teaches(long userId, long courseId) {
        return jdbc.sql("""
                select 1 from cohort_instructor ci join cohort c on c.id = ci.cohort_id
                where ci.user_id = ? and c.course_id = ? limit 1
                """).params(userId, courseId).query(Integer.class).optional().isPresent();
    }
}
