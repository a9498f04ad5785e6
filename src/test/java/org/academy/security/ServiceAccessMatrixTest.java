package org.academy.security;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.Paging;
import org.academy.chat.ChatService;
import org.academy.cohort.CohortService;
import org.academy.course.CourseOutline;
import org.academy.course.CourseService;
import org.academy.course.NewLesson;
import org.academy.identity.IdentityService;
import org.academy.identity.PeopleFilter;
import org.academy.identity.PersonRow;
import org.academy.identity.PersonSummary;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionAgendaService;
import org.academy.livesession.ReactionKind;
import org.academy.notification.NotificationService;
import org.academy.orgreport.OrganisationReportService;
import org.academy.poll.NewPoll;
import org.academy.poll.PollService;
import org.academy.poll.PollView;
import org.academy.presence.PresenceService;
import org.academy.progress.ProgressService;
import org.academy.qa.QaService;
import org.academy.qa.QuestionOrder;
import org.academy.seats.BulkAssignment;
import org.academy.seats.SeatService;
import org.academy.sessionreport.SessionReportService;
import org.academy.testing.AccessFixtures;
import org.academy.testing.AccessFixtures.Extra;
import org.academy.testing.Actors;
import org.academy.testing.Caller;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every public method of every {@code @Service} of the application, found by reflection, called by
 * every kind of caller. The table below says, per method, who may call it and why; a public
 * service method without a row fails the build, so a new method cannot be forgotten, and a row for
 * a method that no longer exists fails too.
 *
 * <p>A refused caller gets "not found" (membership: nothing leaks about the thing) or "access
 * denied"/"please log in" (role), never a result, and the database is exactly as before: every
 * table of the test schema is fingerprinted before and after each refused call. An allowed caller
 * passes the checks: the call succeeds or, where the fixture makes the action inapplicable for
 * that person (editing someone else's message), is refused by a domain rule
 * ({@link InvalidRequestException}) — never "not found" or "access denied".
 *
 * <p>The checks live in the services because push callbacks and crafted requests never pass a
 * view's annotations. The figures printed at the end (the line starting with "ACCESS MATRIX:") go
 * into docs/security.md.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAccessMatrixTest {


    // ---- who: the caller kinds of the rules -----------------------------------------------------

    static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    static final Set<Caller> LOGGED_IN = EnumSet.complementOf(EnumSet.of(Caller.ANONYMOUS));
    /** Members of cohort A: its learners, its instructors, platform administrators. */
    static final Set<Caller> MEMBERS_OF_A = EnumSet.of(Caller.STUDENT_A, Caller.INSTRUCTOR_A, Caller.ADMIN);
    /** Staff of cohort A: its instructors and platform administrators. */
    static final Set<Caller> STAFF_OF_A = EnumSet.of(Caller.INSTRUCTOR_A, Caller.ADMIN);
    /** Learners of cohort A only (voting, asking, reacting are a learner's acts). */
    static final Set<Caller> LEARNERS_OF_A = EnumSet.of(Caller.STUDENT_A);
    /** Anyone who teaches, and administrators. */
    static final Set<Caller> STAFF = EnumSet.of(Caller.INSTRUCTOR_A, Caller.INSTRUCTOR_B, Caller.ADMIN);
    /** Organisation A's own admin, and platform administrators; never another organisation's admin. */
    static final Set<Caller> ORGANISATION_A = EnumSet.of(Caller.ORG_ADMIN_A, Caller.ADMIN);
    /** Org admins (each sees only their own organisation) and platform administrators. */
    static final Set<Caller> ANY_ORG_ADMIN = EnumSet.of(Caller.ORG_ADMIN_A, Caller.ORG_ADMIN_B, Caller.ADMIN);
    static final Set<Caller> ADMIN = EnumSet.of(Caller.ADMIN);

    /** Work to run as the caller; prepared (fresh targets made) before the database is fingerprinted. */
    @FunctionalInterface
    interface Call {
        Object call() throws Exception;
    }

    /** One method's rule: who may call it, why, and how to call it pointing at cohort A's data. */
    static final class Row {
        final String key;
        final Set<Caller> allowed;
        final String rule;
        final Function<Extra, Call> prepare;
        boolean emptyMeansRefused;
        BiConsumer<Caller, Object> resultCheck = (caller, result) -> { };

        Row(String key, Set<Caller> allowed, String rule, Function<Extra, Call> prepare) {
            this.key = key;
            this.allowed = allowed;
            this.rule = rule;
            this.prepare = prepare;
        }

        /** The method answers "nothing" (an empty Optional) rather than throwing when it refuses. */
        Row emptyMeansRefused() {
            emptyMeansRefused = true;
            return this;
        }

        /** What an allowed caller gets back must also pass this (methods scoped to the caller's own data). */
        Row result(BiConsumer<Caller, Object> check) {
            resultCheck = check;
            return this;
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityService identity;
    @Autowired
    CourseService courses;
    @Autowired
    CohortService cohorts;
    @Autowired
    ProgressService progress;
    @Autowired
    LiveSessionService sessions;
    @Autowired
    SessionAgendaService agenda;
    @Autowired
    PollService polls;
    @Autowired
    QaService qa;
    @Autowired
    ChatService chat;
    @Autowired
    NotificationService notifications;
    @Autowired
    org.academy.notification.NotificationPreferenceService notificationPreferences;
    @Autowired
    org.academy.notification.OutgoingMailService outgoingMail;
    @Autowired
    org.academy.livesession.CalendarService calendars;
    @Autowired
    PresenceService presence;
    @Autowired
    SeatService seats;
    @Autowired
    OrganisationReportService reports;
    @Autowired
    SessionReportService sessionReports;
    @Autowired
    org.academy.project.ProjectService projects;
    @Autowired
    org.academy.health.SystemHealthService systemHealth;
    @Autowired
    org.academy.quiz.QuizService quizzes;
    @Autowired
    org.academy.apitoken.ApiTokenService apiTokens;

    AccessFixtures fx;
    Extra x;
    String fingerprintSql;
    final Map<String, Row> table = new LinkedHashMap<>();

    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger allowedCalls = new AtomicInteger();
    final AtomicInteger allowedDomainRefusals = new AtomicInteger();
    final AtomicInteger refusedExpected = new AtomicInteger();
    final AtomicInteger refusedActually = new AtomicInteger();
    final AtomicInteger refusedAndUnchanged = new AtomicInteger();
    final List<String> failures = new ArrayList<>();
    final List<String> domainRefusals = new ArrayList<>();

    @BeforeAll
    void setUp() {
        fx = AccessFixtures.from(context);
        x = fx.build();
        fingerprintSql = fingerprintQuery();
        rules();
    }

    // ---- the table -------------------------------------------------------------------------------

    private void rules() {
        World w = x.world();
        long a = w.cohortA().id();
        long courseA = w.courseA().id();
        long lessonA = w.courseA().lessons().getFirst().id();
        long orgA = w.orgA().id();
        long live = x.liveSession().id();
        long pollId = x.openPoll().id();
        long roomA = x.roomA();

        // -- identity: login, invitations, administration of people and organisations
        UserDetailsService accounts = context.getBeansOfType(UserDetailsService.class).values().stream()
                .filter(b -> AopUtils.getTargetClass(b).getSimpleName().equals("AccountDetailsService"))
                .findFirst().orElseThrow();
        row("AccountDetailsService.loadUserByUsername(String)", EVERYONE,
                "Spring Security loads the account before anyone is logged in; the class is package-private, so "
                        + "only the login reaches it",
                e -> () -> accounts.loadUserByUsername(w.studentA().email()));
        row("IdentityService.invitation(UUID)", EVERYONE, "the link's token is the credential: the public page reads it",
                e -> () -> identity.invitation(e.invitationToken()));
        row("IdentityService.acceptInvitation(UUID,String,String)", EVERYONE,
                "the link's token is the credential: the public page sets the password with it",
                e -> {
                    UUID token = fx.freshInvitation(e);
                    return () -> identity.acceptInvitation(token, "a-long-password", "a-long-password");
                });
        row("IdentityService.createOrganisation(String)", ADMIN, "platform administration",
                e -> () -> identity.createOrganisation("Org " + AccessFixtures.uniqueTag()));
        row("IdentityService.createUser(Long,String,String,String,Set)", ADMIN, "platform administration",
                e -> () -> identity.createUser(orgA, AccessFixtures.uniqueEmail("new"), "New Person", null,
                        Set.of(Role.STUDENT)));
        row("IdentityService.createInvited(Long,String,String,Set)", ADMIN, "platform administration",
                e -> () -> identity.createInvited(orgA, AccessFixtures.uniqueEmail("new"), "New Person",
                        Set.of(Role.STUDENT)));
        row("IdentityService.findOrInvite(long,String,String)", ORGANISATION_A,
                "an org admin invites learners into their own organisation only",
                e -> () -> identity.findOrInvite(orgA, AccessFixtures.uniqueEmail("invitee"), "Invitee"));
        row("IdentityService.inviteAgain(long)", ORGANISATION_A,
                "a never-activated learner of the org admin's own organisation",
                e -> () -> identity.inviteAgain(e.invitedStudent().id()));
        row("IdentityService.inviteAgain(long) | an instructor of organisation A whose password was reset", ADMIN,
                "an org admin acts only on learners of their organisation (else: takeover of a staff account)",
                e -> {
                    long target = resetPersonOfA(e, Role.INSTRUCTOR);
                    return () -> identity.inviteAgain(target);
                });
        row("IdentityService.inviteAgain(long) | another org admin of organisation A whose password was reset", ADMIN,
                "an org admin acts only on learners of their organisation (else: takeover of an admin account)",
                e -> {
                    long target = resetPersonOfA(e, Role.ORG_ADMIN);
                    return () -> identity.inviteAgain(target);
                });
        row("IdentityService.findPerson(long)", ORGANISATION_A,
                "an org admin sees their own organisation's people; others get nothing",
                e -> () -> identity.findPerson(w.studentA().id())).emptyMeansRefused();
        row("IdentityService.personRow(long)", ORGANISATION_A,
                "an org admin sees their own organisation's people; others get nothing",
                e -> () -> identity.personRow(w.studentA().id())).emptyMeansRefused();
        row("IdentityService.findOrganisation(long)", EnumSet.of(Caller.STUDENT_A, Caller.ORG_ADMIN_A, Caller.ADMIN),
                "an organisation's own people see it; others get nothing",
                e -> () -> identity.findOrganisation(orgA)).emptyMeansRefused();
        row("IdentityService.people(PeopleFilter,Paging)", ANY_ORG_ADMIN,
                "each org admin sees their own organisation's people, whatever the filter names",
                e -> () -> identity.people(new PeopleFilter("", orgA, null, null), Paging.first(50)))
                .result((caller, result) -> {
                    if (caller == Caller.ORG_ADMIN_B) {
                        @SuppressWarnings("unchecked")
                        List<PersonRow> rows = (List<PersonRow>) result;
                        assertThat(rows).as("people of organisation A shown to organisation B's admin")
                                .allMatch(p -> Objects.equals(p.organisationId(), w.orgB().id()));
                    }
                });
        row("IdentityService.countPeople(PeopleFilter)", ANY_ORG_ADMIN,
                "each org admin counts their own organisation's people",
                e -> () -> identity.countPeople(new PeopleFilter("", orgA, null, null)));
        row("IdentityService.organisations(String,Paging)", ADMIN, "platform administration",
                e -> () -> identity.organisations("", Paging.first(5)));
        row("IdentityService.countOrganisations(String)", ADMIN, "platform administration",
                e -> () -> identity.countOrganisations(""));
        row("IdentityService.renameOrganisation(long,String)", ADMIN, "platform administration",
                e -> () -> identity.renameOrganisation(e.spareOrganisation().id(), e.spareOrganisation().name()));
        row("IdentityService.setOrganisationActive(long,boolean)", ADMIN, "platform administration",
                e -> () -> identity.setOrganisationActive(e.spareOrganisation().id(), true));
        row("IdentityService.setActive(long,boolean)", ADMIN, "platform administration",
                e -> () -> {
                    identity.setActive(e.spareStudent().id(), true);
                    return null;
                });
        row("IdentityService.setRoles(long,Set)", ADMIN, "platform administration (roles grant access)",
                e -> () -> identity.setRoles(e.spareStudent().id(), Set.of(Role.STUDENT)));
        row("IdentityService.resetPassword(long)", ADMIN, "platform administration (a reset takes the account over)",
                e -> () -> identity.resetPassword(e.spareStudent().id()));
        row("IdentityService.failedLogins(long)", ADMIN, "platform administration: who was tried, from where",
                e -> () -> identity.failedLogins(w.studentA().id()));
        row("IdentityService.history(long)", ADMIN, "platform administration",
                e -> () -> identity.history(w.studentA().id()));

        // -- courses: learners read their own cohorts' published course; authoring is administration
        row("CourseService.title(long)", LOGGED_IN,
                "a published course's title, shown with its cohorts to anyone in them (a cohort needs a published course)",
                e -> () -> courses.title(courseA));
        row("CourseService.title(long) | a draft", ADMIN, "a draft's title only for administrators",
                e -> () -> courses.title(e.draftCourse().id()));
        row("CourseService.outline(long)", MEMBERS_OF_A,
                "learners of a cohort of the course, its instructors and admins; not other cohorts, not org admins",
                e -> () -> courses.outline(courseA));
        row("CourseService.lesson(long,long)", MEMBERS_OF_A,
                "learners of a cohort of the course, its instructors and admins; not other cohorts, not org admins",
                e -> () -> courses.lesson(courseA, lessonA));
        row("CourseService.outline(long) | a draft course", ADMIN, "drafts only by their authors (administrators)",
                e -> () -> courses.outline(e.draftCourse().id()));
        row("CourseService.lesson(long,long) | a lesson of a draft course", ADMIN,
                "drafts only by their authors (administrators)",
                e -> () -> courses.lesson(e.draftCourse().id(), e.draftCourse().lessons().getFirst().id()));
        row("CourseService.allCourses()", ADMIN, "authoring (drafts included)", e -> () -> courses.allCourses());
        row("CourseService.publishedCourses()", ADMIN, "authoring: what cohorts and pools can be created for",
                e -> () -> courses.publishedCourses());
        row("CourseService.createCourse(String,String,List)", ADMIN, "authoring",
                e -> () -> courses.createCourse("Course " + AccessFixtures.uniqueTag(), "",
                        List.of(new NewLesson("One", 5, "Text"))));
        row("CourseService.createDraft(String,String)", ADMIN, "authoring",
                e -> () -> courses.createDraft("Draft " + AccessFixtures.uniqueTag(), ""));
        row("CourseService.editCourse(long,String,String)", ADMIN, "authoring",
                e -> () -> courses.editCourse(e.draftCourse().id(), e.draftCourse().title(), "Summary"));
        row("CourseService.publish(long)", ADMIN, "authoring",
                e -> {
                    long draft = fx.freshDraftWithLesson(e).id();
                    return () -> courses.publish(draft);
                });
        row("CourseService.addLesson(long,NewLesson)", ADMIN, "authoring",
                e -> () -> courses.addLesson(e.draftCourse().id(), new NewLesson("Added", 5, "Text")));
        row("CourseService.editLesson(long,long,NewLesson)", ADMIN, "authoring",
                e -> () -> courses.editLesson(e.draftCourse().id(), e.draftCourse().lessons().getFirst().id(),
                        new NewLesson("First", 10, "One")));
        row("CourseService.moveLesson(long,long,int)", ADMIN, "authoring",
                e -> () -> courses.moveLesson(e.draftCourse().id(), e.draftCourse().lessons().getFirst().id(), 0));
        row("CourseService.deleteLesson(long,long)", ADMIN, "authoring",
                e -> {
                    long lesson = fx.freshLessonOfDraft(e);
                    return () -> courses.deleteLesson(e.draftCourse().id(), lesson);
                });

        // -- cohorts: membership reads for members; changes are administration; org admins act through seats
        row("CohortService.createCohort(long,String,LocalDate,LocalDate)", ADMIN, "platform administration",
                e -> () -> cohorts.createCohort(courseA, "Extra " + AccessFixtures.uniqueTag(),
                        LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 5)));
        row("CohortService.editCohort(long,String,LocalDate,LocalDate)", ADMIN, "platform administration",
                e -> () -> cohorts.editCohort(e.spareCohortA().id(), e.spareCohortA().name(),
                        e.spareCohortA().startsOn(), e.spareCohortA().endsOn()));
        row("CohortService.addInstructor(long,long)", ADMIN, "platform administration",
                e -> {
                    long teacher = fx.freshInstructor(e).id();
                    return () -> {
                        cohorts.addInstructor(e.spareCohortA().id(), teacher);
                        return null;
                    };
                });
        row("CohortService.removeInstructor(long,long)", ADMIN, "platform administration",
                e -> {
                    long teacher = fx.freshInstructor(e).id();
                    Actors.as(w.admin(), () -> cohorts.addInstructor(e.spareCohortA().id(), teacher));
                    return () -> {
                        cohorts.removeInstructor(e.spareCohortA().id(), teacher);
                        return null;
                    };
                });
        row("CohortService.instructors(long)", ADMIN, "platform administration",
                e -> () -> cohorts.instructors(a));
        row("CohortService.moveLearner(long,long,long)", ADMIN, "platform administration",
                e -> {
                    long learner = fx.freshStudentOfAIn(e, a).id();
                    return () -> {
                        cohorts.moveLearner(learner, a, e.spareCohortA().id());
                        return null;
                    };
                });
        row("CohortService.enrol(long,long)", ADMIN,
                "platform administration; org admins place their people only through a seat they own",
                e -> {
                    long learner = fx.freshStudentOfA(e).id();
                    return () -> {
                        cohorts.enrol(a, learner);
                        return null;
                    };
                });
        row("CohortService.unenrol(long,long)", ADMIN,
                "platform administration; org admins free their people's places only by revoking a seat",
                e -> {
                    long learner = fx.freshStudentOfAIn(e, a).id();
                    return () -> {
                        cohorts.unenrol(a, learner);
                        return null;
                    };
                });
        row("CohortService.unenrolFromCourse(long,long)", ORGANISATION_A,
                "seat revocation, as the organisation's own admin, for their own organisation's people only",
                e -> {
                    long learner = fx.freshStudentOfAIn(e, a).id();
                    return () -> cohorts.unenrolFromCourse(learner, courseA);
                });
        row("CohortService.myCohorts()", LOGGED_IN, "the caller's own cohorts", e -> () -> cohorts.myCohorts());
        row("CohortService.staffCohorts()", STAFF, "the cohorts the caller teaches", e -> () -> cohorts.staffCohorts());
        row("CohortService.cohortsOfCourse(long)", ADMIN, "platform administration",
                e -> () -> cohorts.cohortsOfCourse(courseA));
        row("CohortService.cohorts(String,Paging)", ADMIN, "platform administration",
                e -> () -> cohorts.cohorts("", Paging.first(5)));
        row("CohortService.countCohorts(String)", ADMIN, "platform administration", e -> () -> cohorts.countCohorts(""));
        row("CohortService.requireAccess(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> cohorts.requireAccess(a));
        row("CohortService.membership(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> cohorts.membership(a));
        row("CohortService.cohort(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> cohorts.cohort(a));
        row("CohortService.requireStaff(long)", STAFF_OF_A, "staff of the cohort", e -> () -> cohorts.requireStaff(a));
        row("CohortService.learners(long)", STAFF_OF_A, "staff of the cohort", e -> () -> cohorts.learners(a));
        row("CohortService.requireLearner(long)", LEARNERS_OF_A, "learners of the cohort",
                e -> () -> cohorts.requireLearner(a));

        // -- progress
        row("ProgressService.openLesson(long,long)", MEMBERS_OF_A, "members of the cohort",
                e -> () -> progress.openLesson(a, lessonA));
        row("ProgressService.markComplete(long,long)", LEARNERS_OF_A, "learners of the cohort, for themselves",
                e -> () -> progress.markComplete(a, lessonA));
        row("ProgressService.myProgress(long)", LEARNERS_OF_A, "learners of the cohort, for themselves",
                e -> () -> progress.myProgress(a));
        row("ProgressService.dashboard(long)", STAFF_OF_A, "staff of the cohort", e -> () -> progress.dashboard(a));
        row("ProgressService.staffOverview()", STAFF, "the cohorts the caller teaches", e -> () -> progress.staffOverview());

        // -- quizzes: administrators author; members read the lesson's quiz; learners submit; staff see scores
        long quizLesson = w.courseA().lessons().get(1).id();
        row("QuizService.quizForAuthor(long,long)", ADMIN, "authoring", e -> {
            quizOnSecondLessonOfA(e);
            return () -> quizzes.quizForAuthor(courseA, quizLesson);
        });
        row("QuizService.saveQuiz(long,long,QuizDraft)", ADMIN, "authoring (a new version; past attempts keep theirs)",
                e -> () -> quizzes.saveQuiz(courseA, quizLesson, quizDraft()));
        row("QuizService.quizFor(long,long)", MEMBERS_OF_A, "members of the cohort (staff cannot take it)", e -> {
            quizOnSecondLessonOfA(e);
            return () -> quizzes.quizFor(a, quizLesson);
        }).emptyMeansRefused();
        row("QuizService.submit(long,long,QuizSubmission)", LEARNERS_OF_A, "learners of the cohort, for themselves",
                e -> {
                    quizOnSecondLessonOfA(e);
                    org.academy.quiz.LearnerQuiz shown = Actors.as(w.studentA(),
                            () -> quizzes.quizFor(a, quizLesson).orElseThrow());
                    org.academy.quiz.QuizSubmission answers = new org.academy.quiz.QuizSubmission(shown.versionId(),
                            shown.nextAttemptNumber(), List.of(org.academy.quiz.QuizAnswer.text(
                            shown.questions().getFirst().id(), "Paris")));
                    return () -> quizzes.submit(a, quizLesson, answers);
                });
        row("QuizService.cohortQuizzes(long)", STAFF_OF_A, "staff of the cohort", e -> () -> quizzes.cohortQuizzes(a));

        // -- live sessions: members take part; staff run them; learners react
        row("LiveSessionService.schedule(long,String,Instant,Instant)", STAFF_OF_A, "staff of the cohort",
                e -> () -> {
                    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.DAYS);
                    return sessions.schedule(a, "Scheduled by caller", start, start.plus(1, ChronoUnit.HOURS));
                });
        // -- calendar: one's own feed; a session's file for its members; moving and cancelling for its staff
        row("CalendarService.renewFeed()", LOGGED_IN, "the caller's own", e -> () -> calendars.renewFeed());
        row("CalendarService.hasFeed()", LOGGED_IN, "the caller's own", e -> () -> calendars.hasFeed());
        row("CalendarService.revokeFeed()", LOGGED_IN, "the caller's own",
                e -> () -> {
                    calendars.revokeFeed();
                    return null;
                });
        row("CalendarService.sessionCalendar(long)", MEMBERS_OF_A, "members of the cohort",
                e -> () -> calendars.sessionCalendar(e.scheduledSession().id()));
        row("CalendarService.reschedule(long,Instant,Instant)", STAFF_OF_A, "staff of the cohort",
                e -> {
                    long s = fx.freshScheduledSession(e);
                    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(2, ChronoUnit.DAYS);
                    return () -> calendars.reschedule(s, start, start.plus(1, ChronoUnit.HOURS));
                });
        row("CalendarService.cancel(long)", STAFF_OF_A, "staff of the cohort",
                e -> {
                    long s = fx.freshScheduledSession(e);
                    return () -> {
                        calendars.cancel(s);
                        return null;
                    };
                });
        row("LiveSessionService.start(long)", STAFF_OF_A, "staff of the cohort",
                e -> {
                    long s = fx.freshScheduledSession(e);
                    return () -> sessions.start(s);
                });
        row("LiveSessionService.end(long)", STAFF_OF_A, "staff of the cohort",
                e -> {
                    long s = fx.freshLiveSession(e);
                    return () -> sessions.end(s);
                });
        row("LiveSessionService.setQaModerated(long,boolean)", STAFF_OF_A, "staff of the cohort",
                e -> () -> sessions.setQaModerated(live, false));
        row("SessionAgendaService.upcomingAndLive()", STAFF, "the sessions of the cohorts the caller teaches",
                e -> () -> agenda.upcomingAndLive());
        row("LiveSessionService.sessionsOf(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> sessions.sessionsOf(a));
        row("LiveSessionService.context(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> sessions.context(live));
        row("LiveSessionService.requireStaff(long)", STAFF_OF_A, "staff of the cohort",
                e -> () -> sessions.requireStaff(live));
        row("LiveSessionService.requireLearner(long)", LEARNERS_OF_A, "learners of the cohort",
                e -> () -> sessions.requireLearner(live));
        row("LiveSessionService.requireLearnerBeforeEnd(long)", LEARNERS_OF_A,
                "learners of the cohort, for writes that must not land after the end",
                e -> () -> sessions.requireLearnerBeforeEnd(live));
        row("LiveSessionService.requireStaffBeforeEnd(long)", STAFF_OF_A,
                "staff of the cohort, for changes that must not land after the end",
                e -> () -> sessions.requireStaffBeforeEnd(live));
        row("LiveSessionService.join(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> sessions.join(live));
        row("LiveSessionService.present(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> sessions.present(live));
        row("LiveSessionService.attendance(long)", STAFF_OF_A, "staff of the cohort",
                e -> () -> sessions.attendance(live));
        row("LiveSessionService.announce(long,String)", STAFF_OF_A, "staff of the cohort",
                e -> () -> sessions.announce(live, "Break in five minutes"));
        row("LiveSessionService.announcements(long,int)", MEMBERS_OF_A, "members of the cohort",
                e -> () -> sessions.announcements(a, 10));
        row("LiveSessionService.react(long,ReactionKind)", LEARNERS_OF_A, "learners of the cohort",
                e -> () -> {
                    sessions.react(live, ReactionKind.THUMBS_UP);
                    return null;
                });
        row("LiveSessionService.recentReactions(long)", MEMBERS_OF_A, "members of the cohort",
                e -> () -> sessions.recentReactions(live));

        // -- polls: staff run them, learners vote, members read
        row("PollService.create(long,NewPoll)", STAFF_OF_A, "staff of the cohort",
                e -> () -> polls.create(live, new NewPoll("Created?", List.of("Yes", "No"), false, Set.of())));
        row("PollService.open(long)", STAFF_OF_A, "staff of the cohort",
                e -> {
                    long p = fx.freshOpenPoll(e).id();
                    return () -> polls.open(p);
                });
        row("PollService.close(long)", STAFF_OF_A, "staff of the cohort",
                e -> {
                    long p = fx.freshOpenPoll(e).id();
                    return () -> polls.close(p);
                });
        row("PollService.rerun(long)", STAFF_OF_A, "staff of the cohort",
                e -> {
                    long p = fx.freshOpenPoll(e).id();
                    return () -> polls.rerun(p);
                });
        row("PollService.setResultsVisible(long,boolean)", STAFF_OF_A, "staff of the cohort",
                e -> () -> polls.setResultsVisible(pollId, false));
        row("PollService.vote(long,Set)", LEARNERS_OF_A, "learners of the cohort",
                e -> () -> polls.vote(pollId, Set.of(x.openPoll().options().getFirst().id())));
        row("PollService.polls(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> polls.polls(live));
        row("PollService.tally(long,int)", STAFF_OF_A, "staff of the cohort", e -> () -> polls.tally(pollId, 1));
        row("PollService.voters(long,int)", STAFF_OF_A, "staff of the cohort", e -> () -> polls.voters(pollId, 1));

        // -- Q&A: learners ask and upvote, staff moderate, members read
        row("QaService.ask(long,String,boolean)", LEARNERS_OF_A, "learners of the cohort",
                e -> () -> qa.ask(live, "Asked by the caller?", false));
        row("QaService.upvote(long)", LEARNERS_OF_A, "learners of the cohort, others' questions",
                e -> () -> qa.upvote(e.questionForUpvotes().id()));
        row("QaService.approve(long)", STAFF_OF_A, "staff of the cohort",
                e -> () -> qa.approve(e.questionToModerate().id()));
        row("QaService.hide(long)", STAFF_OF_A, "staff of the cohort", e -> () -> qa.hide(e.questionToModerate().id()));
        row("QaService.setPinned(long,boolean)", STAFF_OF_A, "staff of the cohort",
                e -> () -> qa.setPinned(e.questionToModerate().id(), true));
        row("QaService.setAnswered(long,boolean)", STAFF_OF_A, "staff of the cohort",
                e -> () -> qa.setAnswered(e.questionToModerate().id(), true));
        row("QaService.answer(long,String)", STAFF_OF_A, "staff of the cohort",
                e -> () -> qa.answer(e.questionToModerate().id(), "Because."));
        row("QaService.questions(long,QuestionOrder)", MEMBERS_OF_A, "members of the cohort",
                e -> () -> qa.questions(live, QuestionOrder.TOP));

        // -- session summary
        row("SessionReportService.report(long)", STAFF_OF_A, "staff of the cohort",
                e -> () -> sessionReports.report(e.endedSession().id()));
        row("SessionReportService.csv(long)", STAFF_OF_A, "staff of the cohort",
                e -> () -> sessionReports.csv(e.endedSession().id()));

        // -- chat: members read and write; authors edit; authors and staff delete; staff mute
        row("ChatService.maxLength()", LOGGED_IN, "a configuration figure, no data; for the chat's signed-in people",
                e -> () -> chat.maxLength());
        row("ChatService.cohortRoom(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> chat.cohortRoom(a));
        row("ChatService.sessionRoom(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> chat.sessionRoom(live));
        row("ChatService.myRooms()", LOGGED_IN, "the caller's own rooms", e -> () -> chat.myRooms());
        row("ChatService.unreadTotal()", LOGGED_IN, "the caller's own rooms", e -> () -> chat.unreadTotal());
        row("ChatService.myRoomIds()", LOGGED_IN, "the caller's own rooms", e -> () -> chat.myRoomIds());
        row("ChatService.unread(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> chat.unread(roomA));
        row("ChatService.markRead(long,long)", MEMBERS_OF_A, "members of the cohort",
                e -> () -> {
                    chat.markRead(roomA, e.messageByStudentA().id());
                    return null;
                });
        row("ChatService.members(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> chat.members(roomA));
        row("ChatService.latest(long,int)", MEMBERS_OF_A, "members of the cohort", e -> () -> chat.latest(roomA, 20));
        row("ChatService.older(long,long,int)", MEMBERS_OF_A, "members of the cohort",
                e -> () -> chat.older(roomA, e.messageByStudentA().id() + 1, 20));
        row("ChatService.message(long)", MEMBERS_OF_A, "members of the cohort",
                e -> () -> chat.message(e.messageByStudentA().id())).emptyMeansRefused();
        row("ChatService.post(long,String)", MEMBERS_OF_A, "members of the cohort",
                e -> () -> chat.post(roomA, "Posted by the caller"));
        row("ChatService.edit(long,String)", MEMBERS_OF_A,
                "members reach it; only the author's edit changes the text (others: a domain refusal)",
                e -> () -> chat.edit(e.messageByStudentA().id(), "Hello from A (edited)"));
        row("ChatService.delete(long)", MEMBERS_OF_A, "members reach it; the author and the cohort's staff delete",
                e -> {
                    long m = fx.freshMessageByStudentA(e);
                    return () -> {
                        chat.delete(m);
                        return null;
                    };
                });
        row("ChatService.mute(long,long,Duration)", STAFF_OF_A, "staff of the cohort",
                e -> () -> {
                    chat.mute(roomA, e.thirdStudentA().id(), Duration.ofMinutes(5));
                    return null;
                });
        row("ChatService.myMute(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> chat.myMute(roomA));

        // -- presence
        row("PresenceService.join(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> presence.join(a));
        row("PresenceService.members(long)", MEMBERS_OF_A, "members of the cohort", e -> () -> presence.members(a));

        // -- notifications: one's own only
        row("NotificationService.mine(int)", LOGGED_IN, "the caller's own", e -> () -> notifications.mine(20));
        row("NotificationService.unreadCount()", LOGGED_IN, "the caller's own", e -> () -> notifications.unreadCount());
        row("NotificationService.markAllRead()", LOGGED_IN, "the caller's own",
                e -> () -> {
                    notifications.markAllRead();
                    return null;
                });
        row("NotificationPreferenceService.mine()", LOGGED_IN, "the caller's own", e -> () -> notificationPreferences.mine());
        row("NotificationPreferenceService.change(NotificationType,boolean,EmailMode)", LOGGED_IN, "the caller's own",
                e -> () -> notificationPreferences.change(org.academy.notification.NotificationType.ANNOUNCEMENT, true,
                        org.academy.notification.NotificationType.EmailMode.DIGEST));
        row("NotificationPreferenceService.digestSettings()", LOGGED_IN, "the caller's own",
                e -> () -> notificationPreferences.digestSettings());
        row("NotificationPreferenceService.changeDigest(String,int)", LOGGED_IN, "the caller's own",
                e -> () -> notificationPreferences.changeDigest("Europe/Berlin", 7));
        // -- outgoing mail: platform administration (addresses and subjects of everyone's mail)
        row("OutgoingMailService.status()", ADMIN, "platform administration", e -> () -> outgoingMail.status());
        row("OutgoingMailService.waiting()", ADMIN, "platform administration", e -> () -> outgoingMail.waiting());
        row("OutgoingMailService.retry(long)", ADMIN, "platform administration",
                e -> () -> {
                    try {
                        outgoingMail.retry(Long.MAX_VALUE);
                    } catch (InvalidRequestException notParked) {
                        // Nothing parked to retry in the fixture: the call itself was allowed.
                    }
                    return null;
                });
        row("OutgoingMailService.retryAllParked()", ADMIN, "platform administration", e -> () -> outgoingMail.retryAllParked());
        // Notifications are requested by features through NotificationRequested inside their own checked
        // transaction: there is no public method to notify an arbitrary person with arbitrary text and link.

        // -- API tokens (integration API): one's own tokens; organisation tokens for an organisation's own admin
        row("ApiTokenService.create(String)", LOGGED_IN, "a token acting as the caller, for the caller",
                e -> () -> apiTokens.create("Matrix " + AccessFixtures.uniqueTag()));
        row("ApiTokenService.createForOrganisation(String)", EnumSet.of(Caller.ORG_ADMIN_A, Caller.ORG_ADMIN_B),
                "an organisation's own admin, for that organisation's reports (platform admins have no organisation)",
                e -> () -> apiTokens.createForOrganisation("Matrix " + AccessFixtures.uniqueTag()));
        row("ApiTokenService.mine()", LOGGED_IN, "the caller's own", e -> () -> apiTokens.mine());
        row("ApiTokenService.revoke(long)", EnumSet.of(Caller.INSTRUCTOR_A), "the token's owner only (here instructor A's token)",
                e -> {
                    long token = Actors.as(w.instructorA(), () -> apiTokens.create("Matrix target")).token().id();
                    return () -> apiTokens.revoke(token);
                });

        // -- seats: platform admins create and change pools; an organisation's admin runs its own seats
        row("SeatService.createPool(long,long,Long,int,LocalDate,LocalDate)", ADMIN, "platform administration (a sale)",
                e -> () -> seats.createPool(orgA, courseA, null, 5, LocalDate.now(), LocalDate.now().plusDays(30)));
        row("SeatService.changePool(long,int,LocalDate)", ADMIN, "platform administration (a sale)",
                e -> () -> seats.changePool(e.coursePoolA().id(), 10, e.coursePoolA().validUntil()));
        row("SeatService.enrolHolders(long,long)", ADMIN, "platform administration",
                e -> () -> seats.enrolHolders(e.coursePoolA().id(), e.spareCohortA().id()));
        row("SeatService.pools(long)", ORGANISATION_A, "the organisation's own admin", e -> () -> seats.pools(orgA));
        row("SeatService.holders(long,String,Paging)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> seats.holders(e.poolA().id(), "", Paging.first(20)));
        row("SeatService.countHolders(long,String)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> seats.countHolders(e.poolA().id(), ""));
        row("SeatService.noShows(long)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> seats.noShows(e.poolA().id()));
        row("SeatService.assign(long,String,String)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> seats.assign(e.poolA().id(), AccessFixtures.uniqueEmail("assigned"), "Assigned"));
        row("SeatService.revoke(long)", ORGANISATION_A, "the organisation's own admin",
                e -> {
                    long seat = fx.freshAssignment(e);
                    return () -> {
                        seats.revoke(seat);
                        return null;
                    };
                });
        row("SeatService.swap(long,String,String)", ORGANISATION_A, "the organisation's own admin",
                e -> {
                    long seat = fx.freshAssignment(e);
                    return () -> seats.swap(seat, AccessFixtures.uniqueEmail("substitute"), "Substitute");
                });
        row("SeatService.reclaimNoShows(long)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> seats.reclaimNoShows(e.coursePoolA().id()));
        row("SeatService.bulkAssign(long,String,Mode)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> seats.bulkAssign(orgA, AccessFixtures.uniqueEmail("bulk") + ",Bulk," + e.poolA().id(),
                        BulkAssignment.Mode.VALID_ROWS));
        row("SeatService.bulkAssign(long,String,Mode,BiConsumer)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> seats.bulkAssign(orgA, AccessFixtures.uniqueEmail("bulk") + ",Bulk," + e.poolA().id(),
                        BulkAssignment.Mode.ALL_OR_NOTHING, (done, total) -> { }));
        row("SeatService.audit(long,Paging)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> seats.audit(orgA, Paging.first(20)));
        row("SeatService.countAudit(long)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> seats.countAudit(orgA));
        row("SeatService.assignmentsCsv(long)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> seats.assignmentsCsv(orgA));
        row("SeatService.renewInvitations(long)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> seats.renewInvitations(e.poolA().id()));

        // -- system health: operational figures of every node
        row("SystemHealthService.nodes()", ADMIN, "platform administrators watch the nodes", e -> () -> systemHealth.nodes());
        row("SystemHealthService.history()", ADMIN, "platform administrators watch the nodes", e -> () -> systemHealth.history());

        // -- organisation reports
        row("OrganisationReportService.cohorts(long)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> reports.cohorts(orgA));
        row("OrganisationReportService.learners(long,Long,String,Paging)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> reports.learners(orgA, null, "", Paging.first(20)));
        row("OrganisationReportService.countLearners(long,Long,String)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> reports.countLearners(orgA, null, ""));
        row("OrganisationReportService.completionCsv(long)", ORGANISATION_A, "the organisation's own admin",
                e -> () -> reports.completionCsv(orgA));

        // -- projects: a brief on course A's last lesson, and a waiting submission of the first learner of A
        long projectLesson = w.courseA().lessons().getLast().id();
        Actors.as(w.admin(), () -> projects.setBrief(projectLesson, "Build something small."));
        long submissionA = Actors.as(w.studentA(), () -> projects.submit(a, projectLesson, "My answer", List.of())).id();
        row("ProjectService.brief(long)", ADMIN, "authoring", e -> () -> projects.brief(projectLesson));
        row("ProjectService.setBrief(long,String)", ADMIN, "authoring",
                e -> () -> projects.setBrief(projectLesson, "Build something small."));
        row("ProjectService.page(long,long)", MEMBERS_OF_A, "members of the cohort: learners their own, staff the queue size",
                e -> () -> projects.page(a, projectLesson));
        row("ProjectService.submit(long,long,String,List)", LEARNERS_OF_A, "a learner hands in their own project",
                e -> () -> projects.submit(a, projectLesson, "Answer " + AccessFixtures.uniqueTag(),
                        List.of("https://example.com/repo")));
        row("ProjectService.submission(long)", MEMBERS_OF_A, "its learner and the staff of its cohort",
                e -> () -> projects.submission(submissionA));
        row("ProjectService.counts(long)", STAFF_OF_A, "the cohort's staff", e -> () -> projects.counts(a));
        row("ProjectService.queue(long,boolean)", STAFF_OF_A, "the cohort's staff", e -> () -> projects.queue(a, false));
        row("ProjectService.review(long,int,String,String,boolean)", STAFF_OF_A, "the cohort's staff",
                e -> {
                    PersonSummary learner = fx.freshStudentOfAIn(e, a);
                    long fresh = Actors.as(learner, () -> projects.submit(a, projectLesson, "Fresh", List.of())).id();
                    return () -> projects.review(fresh, 1, "Feedback", "Pass", false);
                });
    }

    /** A person of organisation A with the role, who chose a password, then had it reset by an administrator. */
    private long resetPersonOfA(Extra e, Role role) {
        return Actors.as(e.world().admin(), () -> {
            PersonSummary p = identity.createUser(e.world().orgA().id(), AccessFixtures.uniqueEmail("reset"), "Reset Person",
                    "a-long-password", Set.of(role));
            identity.resetPassword(p.id());
            return p.id();
        });
    }

    /** The method a row is about: its key without the " | scenario" of a second row for the same method. */
    static String method(String key) {
        int bar = key.indexOf(" | ");
        return bar < 0 ? key : key.substring(0, bar);
    }

    private boolean quizSaved;

    /** A short-answer quiz on the second lesson of course A (the first stays free to complete), made once. */
    private void quizOnSecondLessonOfA(Extra e) {
        if (!quizSaved) {
            Actors.as(e.world().admin(), () -> quizzes.saveQuiz(e.world().courseA().id(),
                    e.world().courseA().lessons().get(1).id(), quizDraft()));
            quizSaved = true;
        }
    }

    private static org.academy.quiz.QuizDraft quizDraft() {
        return new org.academy.quiz.QuizDraft(50, null, org.academy.quiz.CountedAttempt.BEST, false, List.of(
                new org.academy.quiz.QuestionDraft(org.academy.quiz.QuestionKind.SHORT, "Capital of France?",
                        List.of(new org.academy.quiz.OptionDraft("Paris", true)), "")));
    }

    private Row row(String key, Set<Caller> allowed, String rule, Function<Extra, Call> prepare) {
        Row row = new Row(key, allowed, rule, prepare);
        if (table.put(key, row) != null) {
            throw new IllegalStateException("Two rows for " + key);
        }
        return row;
    }

    // ---- completeness ----------------------------------------------------------------------------

    /** "ChatService.post(long,String)" for every public method declared on an application {@code @Service}. */
    private Set<String> publicServiceMethods() {
        Set<String> keys = new TreeSet<>();
        for (Object bean : context.getBeansWithAnnotation(Service.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            if (!type.getPackageName().startsWith("org.academy")) {
                continue;
            }
            // Public methods inherited from an application superclass are the service's face too.
            for (Class<?> c = type; c != null && c.getPackageName().startsWith("org.academy"); c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge() && !isObjectMethod(m)) {
                        keys.add(key(type, m));
                    }
                }
            }
        }
        return keys;
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static String key(Class<?> type, Method m) {
        return type.getSimpleName() + "." + m.getName() + "(" + Arrays.stream(m.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(",")) + ")";
    }

    @Test
    void every_public_service_method_has_a_rule_and_every_rule_a_method() {
        Set<String> methods = publicServiceMethods();
        assertThat(methods).as("services found by reflection").hasSizeGreaterThan(100);
        Set<String> missing = new TreeSet<>(methods);
        missing.removeAll(table.keySet().stream().map(ServiceAccessMatrixTest::method).toList());
        Set<String> stale = new TreeSet<>(table.keySet().stream().map(ServiceAccessMatrixTest::method).toList());
        stale.removeAll(methods);
        assertThat(missing).as("public service methods without a rule in " + getClass().getSimpleName()
                + " (add a row: who may call it, and how to call it)").isEmpty();
        assertThat(stale).as("rules naming a method that no longer exists (remove or rename the row)").isEmpty();
    }

    // ---- the matrix ------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> each_caller_against_each_public_service_method() {
        Set<String> methods = publicServiceMethods();
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : table.values()) {
            if (!methods.contains(method(row.key))) {
                continue; // reported by the completeness test
            }
            for (Caller caller : Caller.values()) {
                boolean may = row.allowed.contains(caller);
                tests.add(DynamicTest.dynamicTest(row.key + (may ? " may be called by " : " refuses ") + caller,
                        () -> check(row, caller, may)));
            }
        }
        return tests.stream();
    }

    private void check(Row row, Caller caller, boolean may) {
        calls.incrementAndGet();
        String label = row.key + " by " + caller + " (" + (may ? "allowed" : "refused") + ": " + row.rule + ")";
        try {
            if (may) {
                allowedCalls.incrementAndGet();
                checkAllowed(row, caller, label);
            } else {
                refusedExpected.incrementAndGet();
                checkRefused(row, caller, label);
            }
        } catch (AssertionError | RuntimeException e) {
            synchronized (failures) {
                failures.add(firstLine(e.getMessage()));
            }
            throw e;
        }
    }

    private void checkAllowed(Row row, Caller caller, String label) {
        Call call = prepare(row);
        Outcome outcome = invoke(caller, call);
        if (outcome.thrown != null) {
            if (outcome.thrown instanceof InvalidRequestException refusal) {
                allowedDomainRefusals.incrementAndGet();
                synchronized (domainRefusals) {
                    domainRefusals.add(row.key + " by " + caller + ": " + refusal.getMessage());
                }
                return;
            }
            fail(label + " threw " + outcome.thrown, outcome.thrown);
        }
        if (row.emptyMeansRefused && outcome.result instanceof Optional<?> o && o.isEmpty()) {
            fail(label + " got nothing (an empty answer)");
        }
        row.resultCheck.accept(caller, outcome.result);
    }

    private void checkRefused(Row row, Caller caller, String label) {
        Call call = prepare(row);
        Map<String, String> before = fingerprint();
        Outcome outcome = invoke(caller, call);
        Map<String, String> after = fingerprint();
        List<String> changed = before.keySet().stream().filter(t -> !Objects.equals(before.get(t), after.get(t))).toList();
        boolean refused = outcome.thrown != null ? isRefusal(outcome.thrown)
                : row.emptyMeansRefused && outcome.result instanceof Optional<?> o && o.isEmpty();
        if (refused) {
            refusedActually.incrementAndGet();
            if (changed.isEmpty()) {
                refusedAndUnchanged.incrementAndGet();
            }
        } else {
            fail(label + (outcome.thrown != null ? " threw " + outcome.thrown + " instead of a refusal"
                    : " returned " + abbreviate(outcome.result) + " instead of a refusal")
                    + (changed.isEmpty() ? "" : "; and it changed " + changed), outcome.thrown);
        }
        assertThat(changed).as(label + ": tables changed by a refused call").isEmpty();
    }

    private Call prepare(Row row) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.clearContext();
        try {
            return row.prepare.apply(x);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private record Outcome(Object result, Throwable thrown) {
    }

    private Outcome invoke(Caller caller, Call call) {
        SecurityContext previous = SecurityContextHolder.getContext();
        PersonSummary person = person(caller);
        if (person == null) {
            SecurityContextHolder.clearContext();
        } else {
            Actors.login(person);
        }
        try {
            Object result = call.call();
            if (result instanceof AutoCloseable handle) {
                handle.close(); // presence handles: leave at once
            }
            return new Outcome(result, null);
        } catch (Exception | Error e) {
            return new Outcome(null, e);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    static boolean isRefusal(Throwable t) {
        return t instanceof NotFoundException || t instanceof AccessDeniedException
                || t instanceof AuthenticationCredentialsNotFoundException;
    }

    private PersonSummary person(Caller caller) {
        return caller.person(x.world());
    }

    // ---- the database fingerprint ------------------------------------------------------------------

    /**
     * One query over every table of the schema: its row count and the newest transaction id among
     * its rows ({@code xmin}). Whatever a call inserts or updates and commits carries a transaction id
     * assigned after the "before" fingerprint was read, so it raises that table's newest id; what it
     * deletes lowers the count. Reading no row text keeps it cheap (a few milliseconds per 50,000
     * rows) when earlier test classes of the same run have left tens of thousands of rows.
     * {@code shedlock} is left out: scheduled jobs of every Spring context of the run take their
     * lock rows on their own clock, whatever a caller does.
     */
    private String fingerprintQuery() {
        List<String> tables = jdbc.sql("""
                select table_name from information_schema.tables
                where table_schema = current_schema() and table_type = 'BASE TABLE'
                  and table_name not in ('flyway_schema_history', 'shedlock')
                order by table_name
                """).query(String.class).list();
        assertThat(tables).as("tables of the test schema").contains("app_user", "chat_message", "notification");
        return tables.stream()
                .map(t -> "select '" + t + "' as t, count(*) || ':' || coalesce(max(x.xmin::text::bigint), 0) as f from " + t + " x")
                .collect(Collectors.joining("\nunion all\n"));
    }

    private Map<String, String> fingerprint() {
        Map<String, String> result = new TreeMap<>();
        jdbc.sql(fingerprintSql).query((rs, i) -> result.put(rs.getString(1), rs.getString(2))).list();
        return result;
    }

    @Test
    void the_fingerprint_is_stable_at_rest_and_names_the_table_a_write_changed() {
        Map<String, String> before = fingerprint();
        assertThat(fingerprint()).as("two fingerprints with nothing written in between").isEqualTo(before);
        Actors.as(x.world().admin(), () -> identity.createOrganisation("Fingerprinted " + AccessFixtures.uniqueTag()));
        Map<String, String> after = fingerprint();
        assertThat(before.keySet().stream().filter(t -> !Objects.equals(before.get(t), after.get(t))))
                .containsExactly("organisation");
    }

    // ---- figures ---------------------------------------------------------------------------------

    @AfterAll
    void figures() {
        Set<String> found = publicServiceMethods();
        long methods = table.keySet().stream().map(ServiceAccessMatrixTest::method).distinct().filter(found::contains).count();
        long rows = table.keySet().stream().filter(k -> found.contains(method(k))).count();
        System.out.println();
        System.out.printf("ACCESS MATRIX: %d public service methods (%d rows with scenarios) x %d callers = %d calls; %d allowed (%d of them refused "
                        + "by a domain rule); %d to be refused: %d refused, %d of them with the database unchanged; "
                        + "%d failures%n",
                methods, rows, Caller.values().length, calls.get(), allowedCalls.get(), allowedDomainRefusals.get(),
                refusedExpected.get(), refusedActually.get(), refusedAndUnchanged.get(), failures.size());
        domainRefusals.forEach(r -> System.out.println("ACCESS MATRIX allowed, refused by a domain rule: " + r));
        failures.forEach(f -> System.out.println("ACCESS MATRIX FAILURE: " + f));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 120 ? s.substring(0, 117) + "…" : s;
    }
}
