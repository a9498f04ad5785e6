package org.academy.progress;

import org.academy.security.Staff;
import org.academy.security.SignedIn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.academy.cohort.CohortAccess;
import org.academy.cohort.CohortLearner;
import org.academy.cohort.CohortMembership;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.course.CourseOutline;
import org.academy.course.CourseService;
import org.academy.course.LessonContent;
import org.academy.course.LessonSummary;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.academy.security.Role;
import org.academy.base.InvalidRequestException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lesson completion and the progress pictures built from it. Membership is checked on every
 * call through {@link CohortService}; changes are published as events that reach views only
 * after the transaction commits.
 */
@Service
public class ProgressService {

    /** "Active recently" on the dashboard. */
    public static final Duration RECENT = Duration.ofMinutes(15);

    private final CohortService cohorts;
    private final CourseService courses;
    private final ProgressStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectProvider<CompletionGate> gates;

    ProgressService(CohortService cohorts, CourseService courses, ProgressStore store,
                    ApplicationEventPublisher events, Clock clock, ObjectProvider<CompletionGate> gates) {
        this.gates = gates;
        this.cohorts = cohorts;
        this.courses = courses;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Opens a lesson in a cohort: learners and staff of the cohort only. Counts as activity for learners. */
    @Transactional
    @SignedIn
    public LessonPage openLesson(long cohortId, long lessonId) {
        AcademyUser caller = CurrentUser.require();
        CohortMembership membership = cohorts.membership(cohortId);
        CohortAccess access = membership.access();
        CohortSummary cohort = membership.cohort();
        LessonContent lesson = courses.lesson(cohort.courseId(), lessonId);
        CourseOutline outline = courses.outline(cohort.courseId());
        boolean learner = access == CohortAccess.LEARNER;
        if (learner) {
            Instant now = clock.instant();
            store.touch(cohortId, caller.id(), now);
            events.publishEvent(new LearnerActive(cohortId, caller.id(), now));
        }
        return new LessonPage(cohort, lesson, learner && store.isCompleted(caller.id(), lessonId), learner,
                outline.previous(lessonId).orElse(null), outline.next(lessonId).orElse(null),
                outline.lessons().size());
    }

    /**
     * Marks a lesson complete for the calling learner. Completing it again changes nothing and
     * publishes nothing; the database decides, so double clicks and two tabs count once. A
     * {@link CompletionGate} (the lesson's quiz must be passed first) refuses with its reason.
     */
    @Transactional
    @SignedIn
    public CompletionResult markComplete(long cohortId, long lessonId) {
        AcademyUser caller = CurrentUser.require();
        CohortSummary cohort = cohorts.requireLearner(cohortId);
        courses.lesson(cohort.courseId(), lessonId);
        if (!store.isCompleted(caller.id(), lessonId)) {
            gates.orderedStream().map(g -> g.refusal(cohortId, caller.id(), lessonId)).flatMap(Optional::stream)
                    .findFirst().ifPresent(reason -> {
                        throw new InvalidRequestException(reason);
                    });
        }
        Instant now = clock.instant();
        boolean inserted = store.complete(caller.id(), lessonId, now);
        store.touch(cohortId, caller.id(), now);
        if (inserted) {
            events.publishEvent(new LessonCompleted(cohortId, caller.id(), lessonId, now));
        } else {
            events.publishEvent(new LearnerActive(cohortId, caller.id(), now));
        }
        CourseOutline outline = courses.outline(cohort.courseId());
        int percent = percent(store.completedLessons(caller.id(), cohort.courseId()).size(), outline.lessons().size());
        return new CompletionResult(inserted, percent);
    }

    /** The calling learner's progress in a cohort, and the cohort's overall figure. */
    @Transactional(readOnly = true)
    @SignedIn
    public MyProgress myProgress(long cohortId) {
        AcademyUser caller = CurrentUser.require();
        CohortSummary cohort = cohorts.requireLearner(cohortId);
        CourseOutline outline = courses.outline(cohort.courseId());
        Set<Long> done = store.completedLessons(caller.id(), cohort.courseId());
        long cohortDone = store.cohortCompletionCount(cohortId, cohort.courseId());
        return new MyProgress(cohort, outline, done, percent(done.size(), outline.lessons().size()),
                percent(cohortDone, (long) outline.lessons().size() * cohort.learnerCount()));
    }

    /** Learners × lessons for one cohort; its instructors and administrators only. */
    @Transactional(readOnly = true)
    @SignedIn
    public CohortDashboard dashboard(long cohortId) {
        CohortSummary cohort = cohorts.requireStaff(cohortId);
        CourseOutline outline = courses.outline(cohort.courseId());
        List<CohortLearner> learners = cohorts.learners(cohortId);
        Map<Long, Set<Long>> doneByUser = new HashMap<>();
        for (ProgressStore.Completion c : store.cohortCompletions(cohortId, cohort.courseId())) {
            doneByUser.computeIfAbsent(c.userId(), k -> new HashSet<>()).add(c.lessonId());
        }
        Map<Long, Instant> activity = store.cohortActivity(cohortId).stream()
                .collect(Collectors.toMap(ProgressStore.Activity::userId, ProgressStore.Activity::lastActivityAt));
        int lessonCount = outline.lessons().size();
        Instant now = clock.instant();

        List<LearnerProgress> rows = learners.stream().map(l -> {
            Set<Long> done = doneByUser.getOrDefault(l.userId(), Set.of());
            return new LearnerProgress(l.userId(), l.displayName(), l.email(), done, percent(done.size(), lessonCount),
                    activity.get(l.userId()));
        }).toList();

        Map<Long, Integer> perLesson = new HashMap<>();
        for (LessonSummary lesson : outline.lessons()) {
            perLesson.put(lesson.id(), (int) rows.stream().filter(r -> r.hasCompleted(lesson.id())).count());
        }
        long totalDone = rows.stream().mapToLong(r -> r.completedLessonIds().size()).sum();
        int finished = (int) rows.stream().filter(r -> lessonCount > 0 && r.completedLessonIds().size() == lessonCount).count();
        int recent = (int) rows.stream()
                .filter(r -> r.lastActivityAt() != null && r.lastActivityAt().isAfter(now.minus(RECENT))).count();
        return new CohortDashboard(cohort, outline.lessons(), rows, percent(totalDone, (long) lessonCount * rows.size()),
                finished, recent, perLesson, now);
    }

    /** The caller's cohorts with headline figures: instructors see those they teach, administrators all. */
    @Transactional(readOnly = true)
    @Staff
    public List<CohortOverview> staffOverview() {
        return cohorts.staffCohorts().stream()
                .map(c -> {
                    CohortDashboard d = dashboard(c.id());
                    return new CohortOverview(c, d.averagePercent(), d.finishedCount());
                }).toList();
    }

    /** Rounded down, so 100 % means everything, never "almost". */
    static int percent(long done, long total) {
        return total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
    }
}
