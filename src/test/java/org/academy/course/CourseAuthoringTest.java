package org.academy.course;

import java.time.LocalDate;
import java.util.List;

import org.academy.base.InvalidRequestException;
import org.academy.cohort.CohortService;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class CourseAuthoringTest {

    @Autowired
    CourseService courses;
    @Autowired
    CohortService cohorts;
    @Autowired
    Fixtures fixtures;

    World w;

    @BeforeEach
    void setUp() {
        w = fixtures.world(1, 3);
    }

    private CourseOutline draftWithLessons(int n) {
        return as(w.admin(), () -> {
            CourseOutline draft = courses.createDraft("Draft " + System.nanoTime(), "About it");
            for (int i = 1; i <= n; i++) {
                courses.addLesson(draft.id(), new NewLesson("Step " + i, 10, "# Step " + i));
            }
            return courses.outline(draft.id());
        });
    }

    @Test
    void a_draft_gets_cohorts_only_once_published_and_publishing_needs_a_lesson() {
        CourseOutline empty = as(w.admin(), () -> courses.createDraft("Empty " + System.nanoTime(), ""));
        assertThat(empty.published()).isFalse();
        assertThatThrownBy(() -> as(w.admin(), () -> courses.publish(empty.id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least one lesson");

        CourseOutline draft = draftWithLessons(1);
        assertThatThrownBy(() -> as(w.admin(), () -> cohorts.createCohort(draft.id(), "Too early",
                LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 5))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Publish the course");
        assertThat(as(w.admin(), courses::publishedCourses)).extracting(CourseOutline::id).doesNotContain(draft.id());

        as(w.admin(), () -> courses.publish(draft.id()));

        assertThat(as(w.admin(), () -> cohorts.createCohort(draft.id(), "On time", LocalDate.of(2027, 1, 4),
                LocalDate.of(2027, 1, 5))).courseId()).isEqualTo(draft.id());
        assertThat(as(w.admin(), courses::publishedCourses)).extracting(CourseOutline::id).contains(draft.id());
    }

    @Test
    void reordering_moves_one_lesson_and_closes_up_the_others_and_readers_see_it_at_once() {
        CourseOutline course = draftWithLessons(4);
        List<Long> before = course.lessons().stream().map(LessonSummary::id).toList();
        // Read once so the outline and a lesson are cached.
        as(w.admin(), () -> courses.lesson(course.id(), before.get(3)));

        as(w.admin(), () -> courses.moveLesson(course.id(), before.get(3), 0));

        // A draft: only administrators read it (CourseAccessTest).
        CourseOutline after = as(w.admin(), () -> courses.outline(course.id()));
        assertThat(after.lessons()).extracting(LessonSummary::id)
                .containsExactly(before.get(3), before.get(0), before.get(1), before.get(2));
        assertThat(after.lessons()).extracting(LessonSummary::position).containsExactly(0, 1, 2, 3);
        assertThat(as(w.admin(), () -> courses.lesson(course.id(), before.get(3))).position()).isZero();

        // Past the end lands at the end.
        as(w.admin(), () -> courses.moveLesson(course.id(), before.get(3), 99));
        assertThat(as(w.admin(), () -> courses.outline(course.id())).lessons().getLast().id()).isEqualTo(before.get(3));
    }

    @Test
    void an_edited_lesson_is_what_the_next_reader_gets() {
        CourseOutline course = w.courseA();
        long lessonId = course.lessons().getFirst().id();
        as(w.studentA(), () -> courses.lesson(course.id(), lessonId));

        as(w.admin(), () -> courses.editLesson(course.id(), lessonId, new NewLesson("Renamed", 25, "# New text")));

        LessonContent read = as(w.studentA(), () -> courses.lesson(course.id(), lessonId));
        assertThat(read.title()).isEqualTo("Renamed");
        assertThat(read.markdown()).isEqualTo("# New text");
        assertThat(as(w.studentA(), () -> courses.outline(course.id())).lessons().getFirst().durationMinutes()).isEqualTo(25);
    }

    @Test
    void lessons_of_a_published_course_are_kept_and_drafts_can_lose_them() {
        long published = w.courseA().id();
        assertThatThrownBy(() -> as(w.admin(), () -> courses.deleteLesson(published, w.courseA().lessons().getFirst().id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cannot be deleted");

        CourseOutline draft = draftWithLessons(3);
        CourseOutline after = as(w.admin(), () -> courses.deleteLesson(draft.id(), draft.lessons().get(1).id()));
        assertThat(after.lessons()).extracting(LessonSummary::title).containsExactly("Step 1", "Step 3");
        assertThat(after.lessons()).extracting(LessonSummary::position).containsExactly(0, 1);
    }

    @Test
    void bad_lesson_input_is_refused_with_a_message_and_changes_nothing() {
        CourseOutline draft = draftWithLessons(1);
        long lessonId = draft.lessons().getFirst().id();

        assertThatThrownBy(() -> as(w.admin(), () -> courses.editLesson(draft.id(), lessonId, new NewLesson(" ", 10, "x"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("title");
        assertThatThrownBy(() -> as(w.admin(), () -> courses.editLesson(draft.id(), lessonId, new NewLesson("T", -1, "x"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("minutes");
        assertThatThrownBy(() -> as(w.admin(), () -> courses.editLesson(draft.id(), lessonId,
                new NewLesson("T", 1, "x".repeat(CourseService.MAX_MARKDOWN + 1)))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("limited");
        assertThat(as(w.admin(), () -> courses.lesson(draft.id(), lessonId)).title()).isEqualTo("Step 1");
    }

    @Test
    void only_administrators_author_courses() {
        assertThatThrownBy(() -> as(w.instructorA(), () -> courses.createDraft("Mine", "")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> courses.editLesson(w.courseA().id(),
                w.courseA().lessons().getFirst().id(), new NewLesson("Hacked", 1, "x"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(w.studentA(), courses::allCourses)).isInstanceOf(AccessDeniedException.class);
    }
}
