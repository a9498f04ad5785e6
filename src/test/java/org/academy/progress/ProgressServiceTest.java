package org.academy.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.academy.base.NotFoundException;
import org.academy.base.push.Subscription;
import org.academy.base.push.TopicHub;
import org.academy.course.LessonSummary;
import org.academy.identity.PersonSummary;
import org.academy.testing.Eventually;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class ProgressServiceTest {

    @Autowired
    ProgressService progress;
    @Autowired
    Fixtures fixtures;
    @Autowired
    TopicHub hub;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    World world;
    List<ProgressEvent> pushedA = Collections.synchronizedList(new ArrayList<>());
    Subscription subscription;

    @BeforeEach
    void setUp() {
        world = fixtures.world();
        subscription = hub.subscribe(ProgressTopics.cohort(world.cohortA().id()), pushedA::addAll);
    }

    @AfterEach
    void tearDown() {
        subscription.close();
    }

    long lesson(int index) {
        return world.courseA().lessons().get(index).id();
    }

    long completionsOf(PersonSummary p) {
        return jdbc.sql("select count(*) from lesson_completion where user_id = ?").param(p.id()).query(Long.class).single();
    }

    List<LessonCompleted> completedEvents() {
        synchronized (pushedA) {
            return pushedA.stream().filter(LessonCompleted.class::isInstance).map(LessonCompleted.class::cast).toList();
        }
    }

    @Test
    void a_learner_completing_a_lesson_is_recorded_and_pushed_to_the_cohort_topic() {
        CompletionResult result = as(world.studentA(), () -> progress.markComplete(world.cohortA().id(), lesson(0)));

        assertThat(result.newlyCompleted()).isTrue();
        assertThat(result.percent()).isEqualTo(25);
        assertThat(completionsOf(world.studentA())).isEqualTo(1);
        Eventually.await("completion pushed", Duration.ofSeconds(5), () -> completedEvents().size() == 1);
        LessonCompleted event = completedEvents().getFirst();
        assertThat(event.userId()).isEqualTo(world.studentA().id());
        assertThat(event.lessonId()).isEqualTo(lesson(0));
    }

    @Test
    void completing_the_same_lesson_twice_is_a_no_op_and_is_not_pushed_again() {
        as(world.studentA(), () -> progress.markComplete(world.cohortA().id(), lesson(1)));
        CompletionResult again = as(world.studentA(), () -> progress.markComplete(world.cohortA().id(), lesson(1)));

        assertThat(again.newlyCompleted()).isFalse();
        assertThat(again.percent()).isEqualTo(25);
        assertThat(completionsOf(world.studentA())).isEqualTo(1);
        Eventually.await("both calls seen by the hub", Duration.ofSeconds(5), () -> pushedA.size() >= 2);
        assertThat(completedEvents()).hasSize(1);
    }

    @Test
    void parallel_double_submits_from_many_tabs_count_once() throws Exception {
        int tabs = 16;
        ExecutorService pool = Executors.newFixedThreadPool(tabs);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CompletionResult>> results = new ArrayList<>();
        for (int i = 0; i < tabs; i++) {
            Callable<CompletionResult> click = () -> {
                start.await();
                return as(world.studentA(), () -> progress.markComplete(world.cohortA().id(), lesson(2)));
            };
            results.add(pool.submit(click));
        }
        start.countDown();
        int newly = 0;
        for (Future<CompletionResult> f : results) {
            newly += f.get().newlyCompleted() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(newly).isEqualTo(1);
        assertThat(completionsOf(world.studentA())).isEqualTo(1);
        Eventually.await("all calls seen by the hub", Duration.ofSeconds(5), () -> pushedA.size() >= tabs);
        assertThat(completedEvents()).hasSize(1);
    }

    @Test
    void a_learner_of_another_cohort_cannot_complete_a_lesson_and_nothing_changes() {
        assertThatThrownBy(() -> as(world.studentB(), () -> progress.markComplete(world.cohortA().id(), lesson(0))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("not a member");
        assertThat(completionsOf(world.studentB())).isZero();
        assertThat(pushedA).isEmpty();
    }

    @Test
    void a_lesson_of_a_course_the_learner_is_not_enrolled_in_cannot_be_completed() {
        long otherCourseLesson = world.courseB().lessons().getFirst().id();
        assertThatThrownBy(() -> as(world.studentA(), () -> progress.markComplete(world.cohortA().id(), otherCourseLesson)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(world.studentA(), () -> progress.markComplete(world.cohortA().id(), 987_654_321L)))
                .isInstanceOf(NotFoundException.class);
        assertThat(completionsOf(world.studentA())).isZero();
    }

    @Test
    void instructors_cannot_complete_lessons_they_only_preview() {
        LessonPage page = as(world.instructorA(), () -> progress.openLesson(world.cohortA().id(), lesson(0)));
        assertThat(page.canComplete()).isFalse();
        assertThatThrownBy(() -> as(world.instructorA(), () -> progress.markComplete(world.cohortA().id(), lesson(0))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void nothing_is_pushed_for_a_completion_whose_transaction_rolls_back() {
        transactions.executeWithoutResult(tx -> {
            as(world.studentA(), () -> progress.markComplete(world.cohortA().id(), lesson(3)));
            tx.setRollbackOnly();
        });
        // A committed completion afterwards proves the hub was listening all along.
        as(world.studentsA().get(1), () -> progress.markComplete(world.cohortA().id(), lesson(3)));

        Eventually.await("the committed completion", Duration.ofSeconds(5), () -> !completedEvents().isEmpty());
        assertThat(completedEvents()).extracting(LessonCompleted::userId).containsExactly(world.studentsA().get(1).id());
        assertThat(completionsOf(world.studentA())).isZero();
    }

    @Test
    void the_dashboard_shows_every_learner_against_every_lesson_with_aggregates() {
        PersonSummary first = world.studentsA().get(0);
        PersonSummary second = world.studentsA().get(1);
        for (LessonSummary l : world.courseA().lessons()) {
            as(first, () -> progress.markComplete(world.cohortA().id(), l.id()));
        }
        as(second, () -> progress.markComplete(world.cohortA().id(), lesson(0)));
        as(world.studentsA().get(2), () -> progress.openLesson(world.cohortA().id(), lesson(0)));

        CohortDashboard d = as(world.instructorA(), () -> progress.dashboard(world.cohortA().id()));

        assertThat(d.lessons()).hasSize(4);
        assertThat(d.learners()).hasSize(3);
        LearnerProgress firstRow = d.learners().stream().filter(r -> r.userId() == first.id()).findFirst().orElseThrow();
        LearnerProgress secondRow = d.learners().stream().filter(r -> r.userId() == second.id()).findFirst().orElseThrow();
        assertThat(firstRow.percent()).isEqualTo(100);
        assertThat(secondRow.percent()).isEqualTo(25);
        assertThat(secondRow.hasCompleted(lesson(0))).isTrue();
        assertThat(secondRow.hasCompleted(lesson(1))).isFalse();
        // 5 completions of 12 possible.
        assertThat(d.averagePercent()).isEqualTo(41);
        assertThat(d.finishedCount()).isEqualTo(1);
        assertThat(d.activeRecentlyCount()).isEqualTo(3);
        assertThat(d.completionsPerLesson()).containsEntry(lesson(0), 2).containsEntry(lesson(1), 1);
        assertThat(d.learners()).allSatisfy(r -> assertThat(r.lastActivityAt()).isNotNull());
    }

    @Test
    void a_learner_sees_their_own_progress_and_the_cohorts() {
        as(world.studentsA().get(0), () -> progress.markComplete(world.cohortA().id(), lesson(0)));
        as(world.studentsA().get(0), () -> progress.markComplete(world.cohortA().id(), lesson(1)));
        as(world.studentsA().get(1), () -> progress.markComplete(world.cohortA().id(), lesson(0)));

        MyProgress mine = as(world.studentsA().get(0), () -> progress.myProgress(world.cohortA().id()));

        assertThat(mine.percent()).isEqualTo(50);
        assertThat(mine.completedLessonIds()).containsExactlyInAnyOrder(lesson(0), lesson(1));
        // 3 of 12.
        assertThat(mine.cohortPercent()).isEqualTo(25);
    }
}
