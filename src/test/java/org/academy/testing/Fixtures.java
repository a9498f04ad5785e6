package org.academy.testing;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.course.CourseOutline;
import org.academy.course.CourseService;
import org.academy.course.NewLesson;
import org.academy.identity.IdentityService;
import org.academy.identity.OrganisationSummary;
import org.academy.identity.PersonSummary;
import org.academy.security.Role;
import org.academy.security.SystemActor;
import org.springframework.boot.test.context.TestComponent;

/**
 * Builds data through the real services. Every call makes fresh, uniquely named people and
 * cohorts, so tests sharing one schema never depend on each other's rows.
 */
@TestComponent
public class Fixtures {

    public static final String PASSWORD = "secret-password";

    private final IdentityService identity;
    private final CourseService courses;
    private final CohortService cohorts;

    public Fixtures(IdentityService identity, CourseService courses, CohortService cohorts) {
        this.identity = identity;
        this.courses = courses;
        this.cohorts = cohorts;
    }

    /**
     * Two organisations, two cohorts of two courses with their own instructors and learners, an
     * administrator and an org admin of organisation A (whose learners are in cohort A).
     */
    public record World(OrganisationSummary orgA, OrganisationSummary orgB, CourseOutline courseA,
                        CourseOutline courseB, CohortSummary cohortA, CohortSummary cohortB,
                        PersonSummary instructorA, PersonSummary instructorB, List<PersonSummary> studentsA,
                        PersonSummary studentB, PersonSummary admin, PersonSummary orgAdminA,
                        PersonSummary orgAdminB) {

        public PersonSummary studentA() {
            return studentsA.getFirst();
        }
    }

    public World world() {
        return world(3, 4);
    }

    public World world(int studentsInA, int lessons) {
        return SystemActor.call(() -> {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            OrganisationSummary orgA = identity.createOrganisation("Org A " + tag);
            OrganisationSummary orgB = identity.createOrganisation("Org B " + tag);
            CourseOutline courseA = courses.createCourse("Course A " + tag, "", lessons(lessons));
            CourseOutline courseB = courses.createCourse("Course B " + tag, "", lessons(lessons));
            LocalDate start = LocalDate.of(2026, 12, 7);
            CohortSummary cohortA = cohorts.createCohort(courseA.id(), "Cohort A " + tag, start, start.plusDays(1));
            CohortSummary cohortB = cohorts.createCohort(courseB.id(), "Cohort B " + tag, start, start.plusDays(1));
            PersonSummary instructorA = person(null, "instructor-a", tag, Role.INSTRUCTOR);
            PersonSummary instructorB = person(null, "instructor-b", tag, Role.INSTRUCTOR);
            cohorts.addInstructor(cohortA.id(), instructorA.id());
            cohorts.addInstructor(cohortB.id(), instructorB.id());
            List<PersonSummary> studentsA = IntStream.rangeClosed(1, studentsInA)
                    .mapToObj(i -> person(orgA.id(), "student-a" + i, tag, Role.STUDENT)).toList();
            studentsA.forEach(s -> cohorts.enrol(cohortA.id(), s.id()));
            PersonSummary studentB = person(orgB.id(), "student-b", tag, Role.STUDENT);
            cohorts.enrol(cohortB.id(), studentB.id());
            PersonSummary admin = person(null, "admin", tag, Role.ADMIN);
            PersonSummary orgAdminA = person(orgA.id(), "org-admin-a", tag, Role.ORG_ADMIN);
            PersonSummary orgAdminB = person(orgB.id(), "org-admin-b", tag, Role.ORG_ADMIN);
            return new World(orgA, orgB, courseA, courseB, cohorts.cohort(cohortA.id()), cohorts.cohort(cohortB.id()),
                    instructorA, instructorB, studentsA, studentB, admin, orgAdminA, orgAdminB);
        });
    }

    /**
     * Many more learners for cohort A, without passwords (hashing a thousand passwords would take
     * a minute): they act through {@link Actors}, not through the login form.
     */
    public List<PersonSummary> addLearners(World world, int count) {
        return SystemActor.call(() -> {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            List<PersonSummary> added = new java.util.ArrayList<>();
            for (int i = 1; i <= count; i++) {
                PersonSummary p = identity.createUser(world.orgA().id(), "bulk" + i + "-" + tag + "@example.test",
                        "Bulk " + i + " " + tag, null, Set.of(Role.STUDENT));
                cohorts.enrol(world.cohortA().id(), p.id());
                added.add(p);
            }
            return added;
        });
    }

    private PersonSummary person(Long org, String name, String tag, Role role) {
        return identity.createUser(org, name + "-" + tag + "@example.test", name + " " + tag, PASSWORD, Set.of(role));
    }

    private static List<NewLesson> lessons(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new NewLesson("Lesson " + i, 15, "# Lesson " + i + "\n\nContent of lesson " + i + "."))
                .toList();
    }
}
