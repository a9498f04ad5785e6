package org.academy.course;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface LessonRepository extends JpaRepository<Lesson, Long> {
    Optional<Lesson> findByIdAndCourseId(long id, long courseId);
}
