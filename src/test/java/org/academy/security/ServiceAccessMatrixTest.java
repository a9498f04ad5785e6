package org.academy.security;

import java.time.LocalDate;

import org.academy.base.Paging;
import org.academy.identity.PeopleFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.academy.base.NotFoundException;
import org.academy.cohort.CohortService;
import org.academy.identity.IdentityService;
import org.academy.identity.PersonSummary;
import org.academy.progress.ProgressService;
import org.academy.testing.Actors;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every service method touched by the foundation, called by every kind of caller. The checks live
 * in the services because push callbacks and crafted requests never pass a view's annotations.
 * A refusal is either "not found" (membership: nothing about the cohort leaks) or "access denied"
 * (role), never a result.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAccessMatrixTest {

    enum Caller { ANONYMOUS, STUDENT_A, STUDENT_B, INSTRUCTOR_A, INSTRUCTOR_B, ADMIN, ORG_ADMIN_A }

    @Autowired
    Fixtures fixtures;
    @Autowired
    ProgressService progress;
    @Autowired
    CohortService cohorts;
    @Autowired
    IdentityService identity;
    @Autowired
    org.academy.course.CourseService courses;
    @Autowired
    org.academy.orgreport.OrganisationReportService reports;
    @Autowired
    org.academy.seats.SeatService seats;

    World w;
    Map<String, Set<Caller>> allowed = new LinkedHashMap<>();
    Map<String, Runnable> calls = new LinkedHashMap<>();

    @BeforeAll
    void setUp() {
        w = fixtures.world();
        long a = w.cohortA().id();
        long lesson = w.courseA().lessons().getFirst().id();

        rule("ProgressService.myProgress(A)", () -> progress.myProgress(a), Caller.STUDENT_A);
        rule("ProgressService.markComplete(A)", () -> progress.markComplete(a, lesson), Caller.STUDENT_A);
        rule("ProgressService.openLesson(A)", () -> progress.openLesson(a, lesson),
                Caller.STUDENT_A, Caller.INSTRUCTOR_A, Caller.ADMIN);
        rule("ProgressService.dashboard(A)", () -> progress.dashboard(a), Caller.INSTRUCTOR_A, Caller.ADMIN);
        rule("ProgressService.staffOverview()", progress::staffOverview,
                Caller.INSTRUCTOR_A, Caller.INSTRUCTOR_B, Caller.ADMIN);
        rule("CohortService.cohort(A)", () -> cohorts.cohort(a), Caller.STUDENT_A, Caller.INSTRUCTOR_A, Caller.ADMIN);
        rule("CohortService.learners(A)", () -> cohorts.learners(a), Caller.INSTRUCTOR_A, Caller.ADMIN);
        rule("CohortService.requireStaff(A)", () -> cohorts.requireStaff(a), Caller.INSTRUCTOR_A, Caller.ADMIN);
        rule("CohortService.myCohorts()", cohorts::myCohorts, Caller.STUDENT_A, Caller.STUDENT_B,
                Caller.INSTRUCTOR_A, Caller.INSTRUCTOR_B, Caller.ADMIN, Caller.ORG_ADMIN_A);
        rule("CohortService.createCohort()", () -> cohorts.createCohort(w.courseA().id(), "Extra " + System.nanoTime(),
                LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 5)), Caller.ADMIN);
        rule("CohortService.enrol(A)", () -> cohorts.enrol(a, w.studentB().id()), Caller.ADMIN);
        rule("CohortService.addInstructor(A)", () -> cohorts.addInstructor(a, w.instructorB().id()), Caller.ADMIN);
        rule("IdentityService.createUser()", () -> identity.createUser(null, "new-" + System.nanoTime() + "@example.test",
                "New Person", "pw", Set.of(Role.STUDENT)), Caller.ADMIN);
        long orgA = w.orgA().id();
        rule("IdentityService.organisations()", () -> identity.organisations("", Paging.first(5)), Caller.ADMIN);
        rule("IdentityService.people()", () -> identity.people(PeopleFilter.all(), Paging.first(5)),
                Caller.ADMIN, Caller.ORG_ADMIN_A);
        rule("IdentityService.setRoles()", () -> identity.setRoles(w.studentB().id(), Set.of(Role.STUDENT)), Caller.ADMIN);
        rule("CourseService.allCourses()", courses::allCourses, Caller.ADMIN);
        rule("CohortService.editCohort(A)", () -> cohorts.editCohort(a, w.cohortA().name(), w.cohortA().startsOn(),
                w.cohortA().endsOn()), Caller.ADMIN);
        rule("OrganisationReportService.cohorts(A)", () -> reports.cohorts(orgA), Caller.ADMIN, Caller.ORG_ADMIN_A);
        rule("SeatService.assignmentsCsv(A)", () -> seats.assignmentsCsv(orgA), Caller.ADMIN, Caller.ORG_ADMIN_A);
    }

    private void rule(String name, Runnable call, Caller... who) {
        calls.put(name, call);
        allowed.put(name, Set.of(who));
    }

    @TestFactory
    Stream<DynamicTest> each_caller_against_each_service_method() {
        List<DynamicTest> tests = new ArrayList<>();
        // Run the mutating rows last within each caller so earlier reads see the fixture as built.
        for (Caller caller : Caller.values()) {
            for (var entry : calls.entrySet()) {
                boolean may = allowed.get(entry.getKey()).contains(caller);
                tests.add(DynamicTest.dynamicTest(caller + (may ? " may call " : " is refused ") + entry.getKey(),
                        () -> check(caller, entry.getValue(), may)));
            }
        }
        return tests.stream();
    }

    private void check(Caller caller, Runnable call, boolean may) {
        Consumer<Runnable> asCaller = work -> {
            PersonSummary person = person(caller);
            if (person == null) {
                Actors.logout();
                work.run();
            } else {
                Actors.as(person, work);
            }
        };
        if (may) {
            assertThatCode(() -> asCaller.accept(call)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> asCaller.accept(call)).isInstanceOfAny(NotFoundException.class,
                    AccessDeniedException.class, AuthenticationCredentialsNotFoundException.class);
        }
    }

    private PersonSummary person(Caller caller) {
        Supplier<PersonSummary> s = switch (caller) {
            case ANONYMOUS -> () -> null;
            case STUDENT_A -> w::studentA;
            case STUDENT_B -> w::studentB;
            case INSTRUCTOR_A -> w::instructorA;
            case INSTRUCTOR_B -> w::instructorB;
            case ADMIN -> w::admin;
            case ORG_ADMIN_A -> w::orgAdminA;
        };
        return s.get();
    }
}
