package org.academy.project;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.push.Subscription;
import org.academy.base.push.TopicHub;
import org.academy.identity.PersonSummary;
import org.academy.notification.NotificationService;
import org.academy.notification.NotificationView;
import org.academy.testing.Eventually;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class ProjectServiceTest {

    @Autowired
    ProjectService projects;
    @Autowired
    NotificationService notifications;
    @Autowired
    TopicHub hub;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.academy.orgreport.OrganisationReportService reports;

    World w;
    long cohort;
    long lesson;

    @BeforeEach
    void world() {
        w = fixtures.world(3, 3);
        cohort = w.cohortA().id();
        lesson = w.courseA().lessons().getLast().id();
        as(w.admin(), () -> projects.setBrief(lesson, "# Build a thing\n\nHand in a short write-up."));
    }

    @Test
    void a_learner_may_resubmit_until_reviewed_and_every_version_is_kept() {
        as(w.studentA(), () -> projects.submit(cohort, lesson, "First try", List.of()));
        Submission second = as(w.studentA(), () -> projects.submit(cohort, lesson, "Second try",
                List.of("https://example.com/repo")));
        assertThat(second.versions()).extracting(SubmissionVersion::answer).containsExactly("First try", "Second try");
        assertThat(second.latest().links()).containsExactly("https://example.com/repo");
        assertThat(second.status()).isEqualTo(SubmissionStatus.WAITING);

        Submission reviewed = as(w.instructorA(), () -> projects.review(second.id(), 2, "Well done.", "A", false));
        assertThat(reviewed.status()).isEqualTo(SubmissionStatus.REVIEWED);
        assertThat(reviewed.latest().grade()).isEqualTo("A");
        assertThat(reviewed.latest().reviewerName()).isEqualTo(w.instructorA().displayName());

        assertThatThrownBy(() -> as(w.studentA(), () -> projects.submit(cohort, lesson, "Third try", List.of())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("reviewed");
        assertThat(as(w.studentA(), () -> projects.submission(second.id())).versions()).hasSize(2);
    }

    @Test
    void needs_another_pass_lets_the_learner_hand_in_a_new_version_which_joins_the_queue_again() {
        Submission first = as(w.studentA(), () -> projects.submit(cohort, lesson, "Draft", List.of()));
        as(w.instructorA(), () -> projects.review(first.id(), 1, "Add **tests**.", "", true));
        assertThat(as(w.instructorA(), () -> projects.counts(cohort))).isEqualTo(new ReviewCounts(0, 1));

        Submission again = as(w.studentA(), () -> projects.submit(cohort, lesson, "Draft with tests", List.of()));
        assertThat(again.status()).isEqualTo(SubmissionStatus.WAITING);
        assertThat(again.versions()).hasSize(2);
        assertThat(again.versions().getFirst().feedback()).isEqualTo("Add **tests**.");
        assertThat(again.versions().getFirst().needsAnotherPass()).isTrue();
        assertThat(as(w.instructorA(), () -> projects.queue(cohort, false)))
                .extracting(QueueEntry::submissionId, QueueEntry::latestVersion).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first.id(), 2));
    }

    @Test
    void the_same_answer_handed_in_again_while_waiting_is_one_version() {
        as(w.studentA(), () -> projects.submit(cohort, lesson, "Same", List.of("https://a.example")));
        Submission again = as(w.studentA(), () -> projects.submit(cohort, lesson, "Same", List.of("https://a.example")));
        assertThat(again.versions()).hasSize(1);
    }

    @Test
    void two_tabs_submitting_the_same_answer_at_once_store_one_version() throws Exception {
        List<Submission> results = concurrently(8, i -> as(w.studentA(),
                () -> projects.submit(cohort, lesson, "Clicked twice", List.of())));
        assertThat(results).allSatisfy(s -> assertThat(s.versions()).hasSize(1));
        assertThat(versionNumbers(results.getFirst().id())).containsExactly(1);
    }

    @Test
    void a_new_version_submitted_from_two_tabs_at_once_is_stored_once() throws Exception {
        // The submission row exists already, so only the row lock serialises these.
        as(w.studentA(), () -> projects.submit(cohort, lesson, "Earlier", List.of()));
        List<Submission> results = concurrently(8, i -> as(w.studentA(),
                () -> projects.submit(cohort, lesson, "Clicked twice", List.of())));
        assertThat(results).allSatisfy(s -> assertThat(s.versions()).extracting(SubmissionVersion::answer)
                .containsExactly("Earlier", "Clicked twice"));
        assertThat(versionNumbers(results.getFirst().id())).containsExactly(1, 2);
    }

    @Test
    void concurrent_different_answers_get_consecutive_version_numbers_and_none_is_lost() throws Exception {
        int n = 8;
        List<Submission> results = concurrently(n, i -> as(w.studentA(),
                () -> projects.submit(cohort, lesson, "Answer " + i, List.of())));
        long id = results.getFirst().id();
        assertThat(versionNumbers(id)).containsExactlyElementsOf(IntStream.rangeClosed(1, n).boxed().toList());
        assertThat(as(w.studentA(), () -> projects.submission(id)).versions()).extracting(SubmissionVersion::answer)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, n).mapToObj(i -> "Answer " + i).toList());
    }

    @Test
    void feedback_is_given_only_by_the_staff_of_the_cohort_and_refused_callers_change_nothing() {
        Submission s = as(w.studentA(), () -> projects.submit(cohort, lesson, "Mine", List.of()));
        for (PersonSummary outsider : List.of(w.instructorB(), w.studentA(), w.studentsA().get(1), w.studentB())) {
            assertThatThrownBy(() -> as(outsider, () -> projects.review(s.id(), 1, "Sneaky", "F", false)))
                    .isInstanceOf(NotFoundException.class).hasMessage(ProjectService.NOT_FOUND);
        }
        assertThatThrownBy(() -> as(w.instructorB(), () -> projects.review(999_999_999L, 1, "x", "F", false)))
                .isInstanceOf(NotFoundException.class).hasMessage(ProjectService.NOT_FOUND);
        Submission unchanged = as(w.admin(), () -> projects.submission(s.id()));
        assertThat(unchanged.status()).isEqualTo(SubmissionStatus.WAITING);
        assertThat(unchanged.latest().reviewed()).isFalse();
        assertThat(as(w.admin(), () -> projects.review(s.id(), 1, "Fine", "Pass", false)).status())
                .isEqualTo(SubmissionStatus.REVIEWED);
    }

    @Test
    void learners_see_only_their_own_submissions() {
        Submission mine = as(w.studentA(), () -> projects.submit(cohort, lesson, "Mine", List.of()));
        assertThatThrownBy(() -> as(w.studentsA().get(1), () -> projects.submission(mine.id())))
                .isInstanceOf(NotFoundException.class).hasMessage(ProjectService.NOT_FOUND);
        assertThatThrownBy(() -> as(w.studentB(), () -> projects.submission(mine.id())))
                .isInstanceOf(NotFoundException.class).hasMessage(ProjectService.NOT_FOUND);
        assertThat(as(w.studentsA().get(1), () -> projects.page(cohort, lesson)).orElseThrow().mine()).isNull();
        assertThat(as(w.studentA(), () -> projects.page(cohort, lesson)).orElseThrow().mine().id()).isEqualTo(mine.id());
        assertThatThrownBy(() -> as(w.studentA(), () -> projects.queue(cohort, false)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void bad_links_and_empty_answers_are_refused_with_a_message_and_store_nothing() {
        for (List<String> bad : List.of(List.of("javascript:alert(1)"), List.of("ftp://example.com/x"),
                List.of("https://"), List.of("https://exa mple.com"),
                IntStream.range(0, 6).mapToObj(i -> "https://example.com/" + i).toList())) {
            assertThatThrownBy(() -> as(w.studentA(), () -> projects.submit(cohort, lesson, "Answer", bad)))
                    .isInstanceOf(InvalidRequestException.class);
        }
        assertThatThrownBy(() -> as(w.studentA(), () -> projects.submit(cohort, lesson, " \u200B ", List.of())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Write your answer");
        assertThat(jdbc.sql("select count(*) from project_submission where cohort_id = ?").param(cohort)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void a_lesson_without_a_brief_or_of_another_course_takes_no_submission() {
        long plain = w.courseA().lessons().getFirst().id();
        assertThat(as(w.studentA(), () -> projects.page(cohort, plain))).isEmpty();
        assertThatThrownBy(() -> as(w.studentA(), () -> projects.submit(cohort, plain, "x", List.of())))
                .isInstanceOf(NotFoundException.class);
        long other = w.courseB().lessons().getLast().id();
        assertThatThrownBy(() -> as(w.studentA(), () -> projects.submit(cohort, other, "x", List.of())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void reviewing_an_outdated_version_is_refused() {
        Submission s = as(w.studentA(), () -> projects.submit(cohort, lesson, "One", List.of()));
        as(w.studentA(), () -> projects.submit(cohort, lesson, "Two", List.of()));
        assertThatThrownBy(() -> as(w.instructorA(), () -> projects.review(s.id(), 1, "ok", "B", false)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("newer version");
    }

    @Test
    void feedback_notifies_the_learner_and_is_pushed_to_their_lesson_and_the_queue_after_commit() {
        List<ProjectChanged> learnerPushes = new CopyOnWriteArrayList<>();
        List<ProjectChanged> queuePushes = new CopyOnWriteArrayList<>();
        try (Subscription a = hub.subscribe(ProjectTopics.learner(w.studentA().id(), lesson), learnerPushes::addAll);
             Subscription b = hub.subscribe(ProjectTopics.cohort(cohort), queuePushes::addAll)) {
            Submission s = as(w.studentA(), () -> projects.submit(cohort, lesson, "Mine", List.of()));
            Eventually.await("the queue push", Duration.ofSeconds(5), () -> !queuePushes.isEmpty());
            as(w.instructorA(), () -> projects.review(s.id(), 1, "Good", "B+", false));
            Eventually.await("the learner push", Duration.ofSeconds(5), () -> learnerPushes.size() >= 2);
        }
        List<NotificationView> mine = as(w.studentA(), () -> notifications.mine(5));
        assertThat(mine).first().satisfies(n -> {
            assertThat(n.kind()).isEqualTo("PROJECT_FEEDBACK");
            assertThat(n.text()).startsWith("Feedback ready");
            assertThat(n.link()).isEqualTo("learn/" + cohort + "/lesson/" + lesson);
        });
    }

    @Test
    void the_organisation_report_counts_projects_submitted_and_reviewed_per_learner_and_exports_them() {
        Submission s = as(w.studentA(), () -> projects.submit(cohort, lesson, "Mine", List.of()));
        as(w.instructorA(), () -> projects.review(s.id(), 1, "Good", "A", false));
        as(w.studentsA().get(1), () -> projects.submit(cohort, lesson, "Theirs", List.of()));
        List<org.academy.orgreport.LearnerReport> rows = as(w.orgAdminA(),
                () -> reports.learners(w.orgA().id(), cohort, "", org.academy.base.Paging.first(10)));
        assertThat(rows).extracting(r -> r.displayName(), r -> r.projectsSubmitted(), r -> r.projectsReviewed(),
                r -> r.projectsTotal()).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(w.studentA().displayName(), 1, 1, 1),
                org.assertj.core.groups.Tuple.tuple(w.studentsA().get(1).displayName(), 1, 0, 1),
                org.assertj.core.groups.Tuple.tuple(w.studentsA().get(2).displayName(), 0, 0, 1));
        String csv = as(w.orgAdminA(), () -> reports.completionCsv(w.orgA().id()));
        assertThat(csv.lines().filter(l -> l.startsWith(w.studentA().displayName()))).singleElement()
                // projects total, submitted, reviewed; then no quiz taken and no quiz average
                .satisfies(l -> assertThat(l).endsWith(",1,1,1,0,"));
    }

    private List<Integer> versionNumbers(long submissionId) {
        return jdbc.sql("select version from project_version where submission_id = ? order by version")
                .param(submissionId).query(Integer.class).list();
    }

    private <T> List<T> concurrently(int n, java.util.function.IntFunction<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                go.await();
                return work.apply(k);
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        pool.shutdown();
        return results;
    }
}
