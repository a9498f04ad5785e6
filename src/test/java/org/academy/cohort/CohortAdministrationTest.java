package org.academy.cohort;

import java.time.Instant;
import java.time.LocalDate;

import org.academy.base.InvalidRequestException;
import org.academy.progress.MyProgress;
import org.academy.progress.ProgressService;
import org.academy.base.NotFoundException;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.TestClock;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class CohortAdministrationTest {

    @Autowired
    CohortService cohorts;
    @Autowired
    ProgressService progress;
    @Autowired
    Fixtures fixtures;
    @Autowired
    TestClock clock;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    World w;
    CohortSummary later;

    @BeforeEach
    void setUp() {
        w = fixtures.world(2, 4);
        later = as(w.admin(), () -> cohorts.createCohort(w.courseA().id(), "Later " + System.nanoTime(),
                LocalDate.of(2027, 2, 1), LocalDate.of(2027, 2, 2)));
    }

    @Test
    void a_cohorts_creation_and_its_learners_enrolment_carry_the_application_clocks_time() {
        Instant at = Instant.parse("2031-03-04T09:00:00Z");
        clock.pin(at);
        try {
            CohortSummary made = as(w.admin(), () -> cohorts.createCohort(w.courseA().id(), "Clocked " + System.nanoTime(),
                    LocalDate.of(2031, 4, 1), LocalDate.of(2031, 4, 2)));
            as(w.admin(), () -> cohorts.enrol(made.id(), w.studentA().id()));

            assertThat(jdbc.sql("select created_at from cohort where id = ?").param(made.id()).query(java.sql.Timestamp.class)
                    .single().toInstant()).isEqualTo(at);
            assertThat(as(w.admin(), () -> cohorts.learners(made.id()))).extracting(CohortLearner::enrolledAt)
                    .containsExactly(at);
        } finally {
            clock.release();
        }
    }

    @Test
    void a_moved_learner_keeps_their_progress_and_leaves_the_old_cohort() {
        as(w.studentA(), () -> progress.markComplete(w.cohortA().id(), w.courseA().lessons().getFirst().id()));

        as(w.admin(), () -> cohorts.moveLearner(w.studentA().id(), w.cohortA().id(), later.id()));

        MyProgress mine = as(w.studentA(), () -> progress.myProgress(later.id()));
        assertThat(mine.percent()).isEqualTo(25);
        assertThatThrownBy(() -> as(w.studentA(), () -> cohorts.cohort(w.cohortA().id()))).isInstanceOf(NotFoundException.class);
        assertThat(as(w.admin(), () -> cohorts.learners(later.id()))).extracting(CohortLearner::userId)
                .containsExactly(w.studentA().id());
    }

    @Test
    void moves_across_courses_or_of_non_members_are_refused_and_change_nothing() {
        assertThatThrownBy(() -> as(w.admin(), () -> cohorts.moveLearner(w.studentA().id(), w.cohortA().id(), w.cohortB().id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("same course");
        assertThatThrownBy(() -> as(w.admin(), () -> cohorts.moveLearner(w.studentB().id(), w.cohortA().id(), later.id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a learner");
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> cohorts.moveLearner(w.studentA().id(), w.cohortA().id(), later.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(as(w.admin(), () -> cohorts.learners(w.cohortA().id()))).hasSize(2);
        assertThat(as(w.admin(), () -> cohorts.learners(later.id()))).isEmpty();
    }

    @Test
    void cohorts_are_edited_and_instructors_removed_by_administrators() {
        CohortSummary edited = as(w.admin(), () -> cohorts.editCohort(later.id(), "Renamed", LocalDate.of(2027, 3, 1),
                LocalDate.of(2027, 3, 2)));
        assertThat(edited.name()).isEqualTo("Renamed");
        assertThatThrownBy(() -> as(w.admin(), () -> cohorts.editCohort(later.id(), "Bad", LocalDate.of(2027, 3, 2),
                LocalDate.of(2027, 3, 1)))).isInstanceOf(InvalidRequestException.class);

        as(w.admin(), () -> cohorts.removeInstructor(w.cohortA().id(), w.instructorA().id()));
        assertThatThrownBy(() -> as(w.instructorA(), () -> cohorts.requireStaff(w.cohortA().id())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void administrators_page_and_search_all_cohorts_on_the_server() {
        java.util.List<CohortSummary> found = as(w.admin(), () -> cohorts.cohorts(w.courseA().title(),
                new org.academy.base.Paging(0, 10, "starts", false)));

        // Cohort A and the later one, both of course A; latest start first.
        assertThat(found).extracting(CohortSummary::id).containsExactly(later.id(), w.cohortA().id());
        assertThat(as(w.admin(), () -> cohorts.countCohorts(w.courseA().title()))).isEqualTo(2);
        assertThatThrownBy(() -> as(w.instructorA(), () -> cohorts.countCohorts(""))).isInstanceOf(AccessDeniedException.class);
    }
}
