package org.academy.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.academy.chat.ChatMessage;
import org.academy.chat.ChatService;
import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.course.CourseOutline;
import org.academy.course.CourseService;
import org.academy.course.NewLesson;
import org.academy.identity.IdentityService;
import org.academy.identity.OrganisationSummary;
import org.academy.identity.PersonSummary;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.poll.NewPoll;
import org.academy.poll.PollService;
import org.academy.poll.PollView;
import org.academy.qa.QaService;
import org.academy.qa.QuestionView;
import org.academy.security.Role;
import org.academy.seats.SeatPoolSummary;
import org.academy.seats.SeatService;
import org.academy.testing.Fixtures.World;
import org.springframework.context.ApplicationContext;

/**
 * Everything of cohort A that the access matrices point at: sessions in each state, a poll, questions,
 * chat rooms and a message, a notification, seat pools, spare people, cohorts and courses to act on.
 * Built through the real services by the people who would create them. The {@code fresh…} methods
 * make a new target per call, so that one allowed caller's change (ending a session, revoking a
 * seat) does not make the next caller's call fail for the wrong reason. Spare targets never change
 * the memberships of the world's callers. Not a bean of its own, so tests using it share the
 * Spring context of every other integration test.
 */
public class AccessFixtures {

    private static final AtomicInteger sequence = new AtomicInteger();

    private final Fixtures fixtures;
    private final IdentityService identity;
    private final CourseService courses;
    private final CohortService cohorts;
    private final LiveSessionService sessions;
    private final PollService polls;
    private final QaService qa;
    private final ChatService chat;
    private final SeatService seats;

    public AccessFixtures(Fixtures fixtures, IdentityService identity, CourseService courses, CohortService cohorts,
                          LiveSessionService sessions, PollService polls, QaService qa, ChatService chat,
                          SeatService seats) {
        this.fixtures = fixtures;
        this.identity = identity;
        this.courses = courses;
        this.cohorts = cohorts;
        this.sessions = sessions;
        this.polls = polls;
        this.qa = qa;
        this.chat = chat;
        this.seats = seats;
    }

    public static AccessFixtures from(ApplicationContext context) {
        return new AccessFixtures(context.getBean(Fixtures.class), context.getBean(IdentityService.class),
                context.getBean(CourseService.class), context.getBean(CohortService.class),
                context.getBean(LiveSessionService.class), context.getBean(PollService.class),
                context.getBean(QaService.class), context.getBean(ChatService.class), context.getBean(SeatService.class));
    }

    /**
     * @param scheduledSession  cohort A, not started
     * @param liveSession       cohort A, started; holds the poll, the questions and a session chat room
     * @param endedSession      cohort A, started and ended (what a summary is for)
     * @param openPoll          an open poll of the live session
     * @param questionForUpvotes a visible question by the second learner of A (so the first may upvote it)
     * @param questionToModerate a visible question by the second learner of A that staff act on
     * @param roomA             cohort A's chat room
     * @param sessionRoom       the live session's chat room
     * @param messageByStudentA a message of the first learner of A in cohort A's room
     * @param poolA             a seat pool of organisation A for cohort A, with free seats and one holder
     * @param coursePoolA       an empty seat pool of organisation A for course A, no cohort, valid since a month
     * @param spareCohortA      a second cohort of course A, nobody in it
     * @param draftCourse       an unpublished course with two lessons
     * @param spareOrganisation an organisation nobody of the world belongs to
     * @param spareStudent      a learner of organisation A in no cohort, with a password
     * @param invitedStudent    a learner of organisation A who never chose a password
     * @param invitationToken   a valid invitation link of {@code invitedStudent}
     */
    public record Extra(World world, SessionSummary scheduledSession, SessionSummary liveSession,
                        SessionSummary endedSession, PollView openPoll, QuestionView questionForUpvotes,
                        QuestionView questionToModerate, long roomA, long sessionRoom, ChatMessage messageByStudentA,
                        SeatPoolSummary poolA, SeatPoolSummary coursePoolA, CohortSummary spareCohortA,
                        CourseOutline draftCourse, OrganisationSummary spareOrganisation, PersonSummary spareStudent,
                        PersonSummary invitedStudent, UUID invitationToken) {

        public PersonSummary secondStudentA() {
            return world.studentsA().get(1);
        }

        public PersonSummary thirdStudentA() {
            return world.studentsA().get(2);
        }
    }

    /** A world (three learners in A) and its extras. */
    public Extra build() {
        World w = fixtures.world(3, 4);
        SessionSummary scheduled = Actors.as(w.instructorA(), () -> schedule(w, "Scheduled"));
        SessionSummary live = Actors.as(w.instructorA(), () -> sessions.start(schedule(w, "Live").id()));
        SessionSummary ended = Actors.as(w.instructorA(), () -> {
            SessionSummary s = sessions.start(schedule(w, "Ended").id());
            return sessions.end(s.id());
        });
        PollView poll = Actors.as(w.instructorA(), () -> polls.open(polls.create(live.id(),
                new NewPoll("Ready?", List.of("Yes", "No"), false, Set.of())).id()));
        PersonSummary second = w.studentsA().get(1);
        QuestionView forUpvotes = Actors.as(second, () -> qa.ask(live.id(), "Why this way?", false));
        QuestionView toModerate = Actors.as(second, () -> qa.ask(live.id(), "And that way?", true));
        long roomA = Actors.as(w.studentA(), () -> chat.cohortRoom(w.cohortA().id()).id());
        long sessionRoom = Actors.as(w.studentA(), () -> chat.sessionRoom(live.id()).id());
        ChatMessage message = Actors.as(w.studentA(), () -> chat.post(roomA, "Hello from A"));
        // A mention is how notifications come to be: the first learner of A gets one.
        Actors.as(second, () -> chat.post(roomA, "Thanks @" + w.studentA().displayName()));
        LocalDate today = LocalDate.now();
        return Actors.as(w.admin(), () -> {
            SeatPoolSummary poolA = seats.createPool(w.orgA().id(), w.courseA().id(), w.cohortA().id(), 1000,
                    today.minusDays(30), today.plusDays(365));
            seats.assign(poolA.id(), uniqueEmail("holder"), "Holder");
            SeatPoolSummary coursePool = seats.createPool(w.orgA().id(), w.courseA().id(), null, 10,
                    today.minusDays(30), today.plusDays(365));
            CohortSummary spareCohort = cohorts.createCohort(w.courseA().id(), "Spare " + uniqueTag(),
                    LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 5));
            CourseOutline draft = courses.createDraft("Draft " + uniqueTag(), "");
            courses.addLesson(draft.id(), new NewLesson("First", 10, "One"));
            courses.addLesson(draft.id(), new NewLesson("Second", 10, "Two"));
            draft = courses.outline(draft.id());
            OrganisationSummary spareOrg = identity.createOrganisation("Spare org " + uniqueTag());
            PersonSummary spare = identity.createUser(w.orgA().id(), uniqueEmail("spare"), "Spare Student",
                    Fixtures.PASSWORD, Set.of(Role.STUDENT));
            IdentityService.Invitee invited = identity.createInvited(w.orgA().id(), uniqueEmail("invited"),
                    "Invited Student", Set.of(Role.STUDENT));
            return new Extra(w, scheduled, live, ended, poll, forUpvotes, toModerate, roomA, sessionRoom, message,
                    seats.pools(w.orgA().id()).stream().filter(p -> p.id() == poolA.id()).findFirst().orElseThrow(),
                    coursePool, spareCohort, draft, spareOrg, spare, invited.person(), invited.invitation());
        });
    }

    // ---- fresh targets, one per call --------------------------------------------------------------

    public long freshScheduledSession(Extra x) {
        return Actors.as(x.world().instructorA(), () -> schedule(x.world(), "Fresh").id());
    }

    public long freshLiveSession(Extra x) {
        return Actors.as(x.world().instructorA(), () -> sessions.start(schedule(x.world(), "Fresh live").id()).id());
    }

    /** An open poll of the live session. */
    public PollView freshOpenPoll(Extra x) {
        return Actors.as(x.world().instructorA(), () -> polls.open(polls.create(x.liveSession().id(),
                new NewPoll("Fresh " + uniqueTag() + "?", List.of("Yes", "No"), false, Set.of())).id()));
    }

    /** A message of the first learner of A in cohort A's room. */
    public long freshMessageByStudentA(Extra x) {
        return Actors.as(x.world().studentA(), () -> chat.post(x.roomA(), "Fresh " + uniqueTag()).id());
    }

    /** A new learner of organisation A without a password, in no cohort. */
    public PersonSummary freshStudentOfA(Extra x) {
        return Actors.as(x.world().admin(), () -> identity.createUser(x.world().orgA().id(), uniqueEmail("fresh"),
                "Fresh Student", null, Set.of(Role.STUDENT)));
    }

    /** A new learner of organisation A, enrolled in the given cohort by a platform admin. */
    public PersonSummary freshStudentOfAIn(Extra x, long cohortId) {
        PersonSummary p = freshStudentOfA(x);
        Actors.as(x.world().admin(), () -> cohorts.enrol(cohortId, p.id()));
        return p;
    }

    /** A new instructor who teaches nothing. */
    public PersonSummary freshInstructor(Extra x) {
        return Actors.as(x.world().admin(), () -> identity.createUser(null, uniqueEmail("teacher"), "Fresh Instructor",
                null, Set.of(Role.INSTRUCTOR)));
    }

    /** A seat of pool A given to a new person; returns the assignment's id. */
    public long freshAssignment(Extra x) {
        return Actors.as(x.world().admin(), () -> seats.assign(x.poolA().id(), uniqueEmail("seat"), "Seat Holder")
                .holder().assignmentId());
    }

    /** A valid invitation link of a new invited learner of organisation A. */
    public UUID freshInvitation(Extra x) {
        return Actors.as(x.world().admin(), () -> identity.createInvited(x.world().orgA().id(), uniqueEmail("inv"),
                "Invited", Set.of(Role.STUDENT)).invitation());
    }

    /** A new draft course with one lesson; returns the outline. */
    public CourseOutline freshDraftWithLesson(Extra x) {
        return Actors.as(x.world().admin(), () -> {
            CourseOutline draft = courses.createDraft("Fresh draft " + uniqueTag(), "");
            courses.addLesson(draft.id(), new NewLesson("Only", 10, "Text"));
            return courses.outline(draft.id());
        });
    }

    /** A lesson added to the draft course, for deleting. */
    public long freshLessonOfDraft(Extra x) {
        return Actors.as(x.world().admin(), () -> courses.addLesson(x.draftCourse().id(),
                new NewLesson("Extra " + uniqueTag(), 5, "Extra")).id());
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + uniqueTag() + "@example.test";
    }

    public static String uniqueTag() {
        return UUID.randomUUID().toString().substring(0, 8) + "-" + sequence.incrementAndGet();
    }

    private SessionSummary schedule(World w, String title) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        return sessions.schedule(w.cohortA().id(), title, start, start.plus(1, ChronoUnit.HOURS));
    }
}
