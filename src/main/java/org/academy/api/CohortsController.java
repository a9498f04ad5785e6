package org.academy.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.academy.base.Paging;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.course.LessonSummary;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.notification.NotificationService;
import org.academy.notification.NotificationView;
import org.academy.poll.PollService;
import org.academy.poll.PollView;
import org.academy.progress.CohortDashboard;
import org.academy.progress.LearnerProgress;
import org.academy.progress.ProgressService;
import org.academy.qa.QaService;
import org.academy.qa.QuestionOrder;
import org.academy.qa.QuestionView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Read models for a personal token: what its owner sees on their screens, through the same
 * services (and so the same membership checks). Lists page like the grids.
 */
@RestController
@RequestMapping(path = "/api", produces = "application/json")
@Tag(name = "Cohorts, progress and live sessions")
@SecurityRequirement(name = OpenApiConfig.BEARER)
class CohortsController {

    private static final Map<String, Comparator<CohortSummary>> COHORT_SORT = Map.of(
            "name", Comparator.comparing((CohortSummary c) -> c.name().toLowerCase()).thenComparingLong(CohortSummary::id),
            "course", Comparator.comparing((CohortSummary c) -> c.courseTitle().toLowerCase()).thenComparingLong(CohortSummary::id),
            "starts", Comparator.comparing(CohortSummary::startsOn).thenComparingLong(CohortSummary::id));

    private static final Map<String, Comparator<LearnerProgress>> LEARNER_SORT = Map.of(
            "name", Comparator.comparing((LearnerProgress l) -> l.displayName().toLowerCase()).thenComparingLong(LearnerProgress::userId),
            "percent", Comparator.comparingInt(LearnerProgress::percent).thenComparingLong(LearnerProgress::userId),
            "lastActivity", Comparator.comparing(LearnerProgress::lastActivityAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparingLong(LearnerProgress::userId));

    private final CohortService cohorts;
    private final ProgressService progress;
    private final LiveSessionService sessions;
    private final PollService polls;
    private final QaService qa;
    private final NotificationService notifications;

    CohortsController(CohortService cohorts, ProgressService progress, LiveSessionService sessions, PollService polls,
                      QaService qa, NotificationService notifications) {
        this.cohorts = cohorts;
        this.progress = progress;
        this.sessions = sessions;
        this.polls = polls;
        this.qa = qa;
        this.notifications = notifications;
    }

    /** A cohort's progress: the dashboard's figures and one page of its learners × completed lessons. */
    public record CohortProgress(CohortSummary cohort, List<LessonSummary> lessons, int averagePercent,
                                 int finishedCount, int activeRecentlyCount, Map<Long, Integer> completionsPerLesson,
                                 ApiPage<LearnerProgress> learners) {
    }

    /** A live session with its polls (results as the caller may see them) and its Q&A. */
    public record SessionDetails(SessionSummary session, List<PollView> polls, List<QuestionView> questions) {
    }

    @GetMapping("/cohorts")
    @Operation(summary = "The token owner's cohorts (learner, instructor; all for administrators)",
            description = "sort: name, course, starts (prefix - for descending)")
    ApiPage<CohortSummary> cohorts(@RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "" + ApiPage.DEFAULT_SIZE) int size,
                                   @RequestParam(required = false) String sort) {
        Paging paging = ApiPage.paging(page, size, sort, COHORT_SORT.keySet());
        return ApiPage.of(cohorts.myCohorts(), paging, COHORT_SORT, "starts");
    }

    @GetMapping("/cohorts/{cohortId}/progress")
    @Operation(summary = "A cohort's progress: its instructors and administrators",
            description = "learners paged; sort: name, percent, lastActivity (prefix - for descending)")
    CohortProgress progress(@PathVariable long cohortId, @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "" + ApiPage.DEFAULT_SIZE) int size,
                            @RequestParam(required = false) String sort) {
        Paging paging = ApiPage.paging(page, size, sort, LEARNER_SORT.keySet());
        CohortDashboard d = progress.dashboard(cohortId);
        return new CohortProgress(d.cohort(), d.lessons(), d.averagePercent(), d.finishedCount(),
                d.activeRecentlyCount(), d.completionsPerLesson(), ApiPage.of(d.learners(), paging, LEARNER_SORT, "name"));
    }

    @GetMapping("/cohorts/{cohortId}/sessions")
    @Operation(summary = "A cohort's live sessions, soonest first: its members")
    List<SessionSummary> sessions(@PathVariable long cohortId) {
        return sessions.sessionsOf(cohortId);
    }

    @GetMapping("/sessions/{sessionId}")
    @Operation(summary = "A live session with its polls and results (as the caller may see them) and its questions",
            description = "Questions: visible ones (staff also see pending and hidden ones); anonymous authors stay anonymous.")
    SessionDetails session(@PathVariable long sessionId) {
        SessionSummary session = sessions.context(sessionId).session();
        return new SessionDetails(session, polls.polls(sessionId), qa.questions(sessionId, QuestionOrder.TOP));
    }

    @GetMapping("/me/notifications")
    @Operation(summary = "The token owner's latest notifications, newest first (at most 200)")
    List<NotificationView> notifications(@RequestParam(defaultValue = "" + ApiPage.DEFAULT_SIZE) int size) {
        return notifications.mine(size);
    }
}
