package org.academy.course;

import java.util.concurrent.CompletableFuture;

import org.academy.base.NotFoundException;
import org.academy.identity.PersonSummary;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 9, defect 2: a course is read by the people of its cohorts, drafts only by administrators. */
@IntegrationTest
class CourseAccessTest {

    @Autowired
    CourseService courses;
    @Autowired
    Fixtures fixtures;
    @Autowired
    TransactionTemplate transactions;

    World w;
    long lessonA;

    @BeforeEach
    void setUp() {
        w = fixtures.world(1, 2);
        lessonA = w.courseA().lessons().getFirst().id();
    }

    @Test
    void learners_and_instructors_of_the_courses_cohorts_and_administrators_read_it() {
        for (PersonSummary reader : new PersonSummary[] {w.studentA(), w.instructorA(), w.admin()}) {
            assertThatCode(() -> as(reader, () -> courses.outline(w.courseA().id()))).doesNotThrowAnyException();
            assertThat(as(reader, () -> courses.lesson(w.courseA().id(), lessonA)).markdown()).contains("Lesson 1");
        }
    }

    @Test
    void people_outside_the_courses_cohorts_are_told_it_does_not_exist() {
        for (PersonSummary stranger : new PersonSummary[] {w.studentB(), w.instructorB(), w.orgAdminA(), w.orgAdminB()}) {
            assertThatThrownBy(() -> as(stranger, () -> courses.outline(w.courseA().id())))
                    .isInstanceOf(NotFoundException.class).hasMessage("This course does not exist.");
            assertThatThrownBy(() -> as(stranger, () -> courses.lesson(w.courseA().id(), lessonA)))
                    .isInstanceOf(NotFoundException.class).hasMessage("This course does not exist.");
        }
        assertThatThrownBy(() -> as(w.studentA(), () -> courses.outline(-1)))
                .isInstanceOf(NotFoundException.class).hasMessage("This course does not exist.");
    }

    @Test
    void a_draft_is_read_by_administrators_only() {
        CourseOutline draft = as(w.admin(), () -> courses.createDraft("Draft " + System.nanoTime(), ""));
        LessonContent lesson = as(w.admin(), () -> courses.addLesson(draft.id(), new NewLesson("Secret", 5, "plans")));

        assertThat(as(w.admin(), () -> courses.lesson(draft.id(), lesson.id())).markdown()).isEqualTo("plans");
        for (PersonSummary other : new PersonSummary[] {w.studentA(), w.instructorA(), w.orgAdminA()}) {
            assertThatThrownBy(() -> as(other, () -> courses.lesson(draft.id(), lesson.id())))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> as(other, () -> courses.title(draft.id()))).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void a_reader_loading_a_lesson_while_it_is_being_edited_does_not_keep_the_old_text_after_the_commit() {
        as(w.studentA(), () -> courses.lesson(w.courseA().id(), lessonA));

        transactions.executeWithoutResult(tx -> {
            as(w.admin(), () -> courses.editLesson(w.courseA().id(), lessonA, new NewLesson("Lesson 1", 15, "new text")));
            // Before the edit commits, another reader loads the lesson (and sees the committed, old text).
            String seenMeanwhile = CompletableFuture.supplyAsync(
                    () -> as(w.studentA(), () -> courses.lesson(w.courseA().id(), lessonA)).markdown()).join();
            assertThat(seenMeanwhile).contains("Content of lesson 1");
        });

        assertThat(as(w.studentA(), () -> courses.lesson(w.courseA().id(), lessonA)).markdown()).isEqualTo("new text");
    }
}
