package org.academy.course;

/**
 * Who, besides platform administrators, may read a course: the people of its cohorts. The cohort
 * feature knows them and implements this, so courses need not depend on cohorts (cohorts depend
 * on courses).
 */
public interface CourseReaders {

    /** Whether the person is enrolled in a cohort of the course. */
    boolean learns(long userId, long courseId);

    /** Whether the person teaches a cohort of the course. */
    boolean teaches(long userId, long courseId);
}
