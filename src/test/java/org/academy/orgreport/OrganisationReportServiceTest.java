package org.academy.orgreport;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.academy.base.NotFoundException;
import org.academy.base.Paging;
import org.academy.identity.IdentityService;
import org.academy.identity.PersonSummary;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.progress.ProgressService;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.academy.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class OrganisationReportServiceTest {

    @Autowired
    OrganisationReportService reports;
    @Autowired
    ProgressService progress;
    @Autowired
    LiveSessionService sessions;
    @Autowired
    IdentityService identity;
    @Autowired
    org.academy.cohort.CohortService cohorts;
    @Autowired
    Fixtures fixtures;
    @Autowired
    org.academy.quiz.QuizService quizzes;

    World w;

    @BeforeEach
    void setUp() {
        // Three learners of organisation A in cohort A, a course of four lessons.
        w = fixtures.world(3, 4);
    }

    private long lesson(int i) {
        return w.courseA().lessons().get(i).id();
    }

    @Test
    void the_cohort_report_counts_completion_and_attendance_of_the_organisations_learners() throws Exception {
        for (int i = 0; i < 4; i++) {
            int n = i;
            as(w.studentsA().get(0), () -> progress.markComplete(w.cohortA().id(), lesson(n)));
        }
        as(w.studentsA().get(1), () -> progress.markComplete(w.cohortA().id(), lesson(0)));
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        SessionSummary held = as(w.instructorA(), () -> sessions.schedule(w.cohortA().id(), "Day 1", start,
                start.plus(2, ChronoUnit.HOURS)));
        as(w.instructorA(), () -> sessions.schedule(w.cohortA().id(), "Day 2 (not yet held)", start.plus(1, ChronoUnit.DAYS),
                start.plus(26, ChronoUnit.HOURS)));
        as(w.instructorA(), () -> sessions.start(held.id()));
        for (PersonSummary learner : w.studentsA().subList(0, 2)) {
            as(learner, () -> {
                try (AutoCloseable ignored = sessions.join(held.id())) {
                    return null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        CohortReport report = as(w.orgAdminA(), () -> reports.cohorts(w.orgA().id())).getFirst();

        assertThat(report.cohortId()).isEqualTo(w.cohortA().id());
        assertThat(report.learners()).isEqualTo(3);
        assertThat(report.totalLessons()).isEqualTo(4);
        // (100 + 25 + 0) / 3, rounded.
        assertThat(report.averagePercent()).isEqualTo(42);
        assertThat(report.finished()).isEqualTo(1);
        assertThat(report.sessionsHeld()).isEqualTo(1);
        // Two of three learners joined the one session held: 66.7 %, rounded.
        assertThat(report.attendancePercent()).isEqualTo(67);

        List<LearnerReport> byProgress = as(w.orgAdminA(), () -> reports.learners(w.orgA().id(), w.cohortA().id(), "",
                new Paging(0, 10, "progress", false)));
        assertThat(byProgress).extracting(LearnerReport::percent).containsExactly(100, 25, 0);
        assertThat(byProgress.getFirst().sessionsAttended()).isEqualTo(1);
        assertThat(byProgress.getLast().sessionsAttended()).isZero();
    }

    @Test
    void learners_are_paged_and_searched_in_the_database() {
        assertThat(as(w.orgAdminA(), () -> reports.countLearners(w.orgA().id(), null, ""))).isEqualTo(3);
        assertThat(as(w.orgAdminA(), () -> reports.learners(w.orgA().id(), null, "", new Paging(1, 1, "name", true))))
                .singleElement().satisfies(l -> assertThat(l.userId()).isEqualTo(w.studentsA().get(1).id()));
        assertThat(as(w.orgAdminA(), () -> reports.countLearners(w.orgA().id(), null, w.studentsA().get(2).email())))
                .isEqualTo(1);
    }

    @Test
    void an_org_admin_never_sees_another_organisations_report() {
        assertThatThrownBy(() -> as(w.orgAdminB(), () -> reports.cohorts(w.orgA().id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.orgAdminB(), () -> reports.learners(w.orgA().id(), null, "", Paging.first(5))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.orgAdminB(), () -> reports.completionCsv(w.orgA().id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.instructorA(), () -> reports.cohorts(w.orgA().id()))).isInstanceOf(AccessDeniedException.class);
        assertThat(as(w.orgAdminB(), () -> reports.learners(w.orgB().id(), null, "", Paging.first(5))))
                .extracting(LearnerReport::userId).containsExactly(w.studentB().id());
        assertThat(as(w.admin(), () -> reports.countLearners(w.orgA().id(), null, ""))).isEqualTo(3);
    }

    @Test
    void the_completion_export_escapes_cells_a_spreadsheet_would_run() {
        PersonSummary sly = as(w.admin(), () -> identity.createUser(w.orgA().id(), "sly-" + System.nanoTime() + "@example.test",
                "=HYPERLINK(\"http://evil\",\"click\")", null, java.util.Set.of(Role.STUDENT)));
        as(w.admin(), () -> cohorts.enrol(w.cohortA().id(), sly.id()));

        String csv = as(w.orgAdminA(), () -> reports.completionCsv(w.orgA().id()));

        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("name,email,cohort,lessons_completed,lessons_total,percent,"
                + "sessions_attended,sessions_held,last_activity_at,projects_total,projects_submitted,projects_reviewed,"
                + "quizzes_taken,quiz_average_percent");
        assertThat(lines).hasSize(1 + 4);
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\"").endsWith("\r\n");
        assertThat(csv).doesNotContain(w.studentB().email());
    }

    @Test
    void each_learner_has_the_average_of_their_counted_quiz_scores_best_or_last_as_each_quiz_says() {
        quiz(lesson(0), org.academy.quiz.CountedAttempt.BEST);
        quiz(lesson(1), org.academy.quiz.CountedAttempt.LAST);
        PersonSummary ann = w.studentsA().get(0);
        answer(ann, lesson(0), "No");
        answer(ann, lesson(0), "Yes");   // best of 0 and 100: 100
        answer(ann, lesson(1), "Yes");
        answer(ann, lesson(1), "No");    // last of 100 and 0: 0

        List<LearnerReport> rows = as(w.orgAdminA(), () -> reports.learners(w.orgA().id(), null, "", Paging.first(10)));

        LearnerReport annRow = rows.stream().filter(r -> r.userId() == ann.id()).findFirst().orElseThrow();
        assertThat(annRow.quizzesTaken()).isEqualTo(2);
        assertThat(annRow.quizAverage()).isEqualTo(50);
        LearnerReport other = rows.stream().filter(r -> r.userId() == w.studentsA().get(1).id()).findFirst().orElseThrow();
        assertThat(other.quizzesTaken()).isZero();
        assertThat(other.quizAverage()).isNull();
        String csv = as(w.orgAdminA(), () -> reports.completionCsv(w.orgA().id()));
        assertThat(csv.lines().filter(l -> l.contains(ann.email()))).singleElement()
                .satisfies(line -> assertThat(line).endsWith(",2,50"));
    }

    private void quiz(long lessonId, org.academy.quiz.CountedAttempt counted) {
        as(w.admin(), () -> quizzes.saveQuiz(w.courseA().id(), lessonId, new org.academy.quiz.QuizDraft(50, null, counted,
                false, List.of(new org.academy.quiz.QuestionDraft(org.academy.quiz.QuestionKind.SINGLE, "Right?",
                        List.of(new org.academy.quiz.OptionDraft("Yes", true), new org.academy.quiz.OptionDraft("No", false)),
                        "")))));
    }

    private void answer(PersonSummary learner, long lessonId, String label) {
        as(learner, () -> {
            var quiz = quizzes.quizFor(w.cohortA().id(), lessonId).orElseThrow();
            var question = quiz.questions().getFirst();
            long option = question.options().stream().filter(o -> o.label().equals(label)).findFirst().orElseThrow().id();
            return quizzes.submit(w.cohortA().id(), lessonId, new org.academy.quiz.QuizSubmission(quiz.versionId(),
                    quiz.nextAttemptNumber(), List.of(org.academy.quiz.QuizAnswer.choice(question.id(), option))));
        });
    }
}
