package org.academy.base.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.academy.identity.PersonSummary;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.sidenav.SideNavItem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route opened by every kind of caller, in a simulated browser: who lands on the view, who
 * is sent to log in, and who is told "not found" with the same words whatever the reason.
 */
class RouteAccessTest extends BrowserlessUiTest {

    enum Caller { ANONYMOUS, STUDENT_A, STUDENT_B, INSTRUCTOR_A, INSTRUCTOR_B, ADMIN, ORG_ADMIN_A }

    static final String LOGIN = "LoginView";
    static final String NOT_FOUND = "not found";

    private World world;

    private World world() {
        if (world == null) {
            world = fixtures.world();
        }
        return world;
    }

    private PersonSummary person(Caller caller) {
        World w = world();
        return switch (caller) {
            case ANONYMOUS -> null;
            case STUDENT_A -> w.studentA();
            case STUDENT_B -> w.studentB();
            case INSTRUCTOR_A -> w.instructorA();
            case INSTRUCTOR_B -> w.instructorB();
            case ADMIN -> w.admin();
            case ORG_ADMIN_A -> w.orgAdminA();
        };
    }

    /** Expected landing per route: a view's simple name, LOGIN, or NOT_FOUND. */
    private Map<String, Map<Caller, String>> expectations(World w) {
        String lesson = "learn/" + w.cohortA().id() + "/lesson/" + w.courseA().lessons().getFirst().id();
        String dashboard = "cohorts/" + w.cohortA().id();
        Function<String, Map<Caller, String>> onlyStudents = view -> Map.of(
                Caller.ANONYMOUS, LOGIN, Caller.STUDENT_A, view, Caller.STUDENT_B, view,
                Caller.INSTRUCTOR_A, NOT_FOUND, Caller.INSTRUCTOR_B, NOT_FOUND, Caller.ADMIN, NOT_FOUND,
                Caller.ORG_ADMIN_A, NOT_FOUND);
        Function<String, Map<Caller, String>> onlyAdmins = view -> Map.of(
                Caller.ANONYMOUS, LOGIN, Caller.STUDENT_A, NOT_FOUND, Caller.STUDENT_B, NOT_FOUND,
                Caller.INSTRUCTOR_A, NOT_FOUND, Caller.INSTRUCTOR_B, NOT_FOUND, Caller.ADMIN, view,
                Caller.ORG_ADMIN_A, NOT_FOUND);
        return Map.ofEntries(
                Map.entry("admin/people", onlyAdmins.apply("PeopleView")),
                Map.entry("admin/organisations", onlyAdmins.apply("OrganisationsView")),
                Map.entry("admin/courses", onlyAdmins.apply("CoursesView")),
                Map.entry("admin/cohorts", onlyAdmins.apply("CohortAdminView")),
                Map.entry("seats", Map.of(Caller.ANONYMOUS, LOGIN, Caller.STUDENT_A, NOT_FOUND, Caller.STUDENT_B, NOT_FOUND,
                        Caller.INSTRUCTOR_A, NOT_FOUND, Caller.INSTRUCTOR_B, NOT_FOUND, Caller.ADMIN, "SeatsView",
                        Caller.ORG_ADMIN_A, "SeatsView")),
                Map.entry("learn", onlyStudents.apply("MyLearningView")),
                Map.entry(lesson, Map.of(Caller.ANONYMOUS, LOGIN, Caller.STUDENT_A, "LessonView", Caller.STUDENT_B, NOT_FOUND,
                        Caller.INSTRUCTOR_A, "LessonView", Caller.INSTRUCTOR_B, NOT_FOUND, Caller.ADMIN, "LessonView",
                        Caller.ORG_ADMIN_A, NOT_FOUND)),
                Map.entry("cohorts", Map.of(Caller.ANONYMOUS, LOGIN, Caller.STUDENT_A, NOT_FOUND, Caller.STUDENT_B, NOT_FOUND,
                        Caller.INSTRUCTOR_A, "CohortsView", Caller.INSTRUCTOR_B, "CohortsView", Caller.ADMIN, "CohortsView",
                        Caller.ORG_ADMIN_A, NOT_FOUND)),
                Map.entry(dashboard, Map.of(Caller.ANONYMOUS, LOGIN, Caller.STUDENT_A, NOT_FOUND, Caller.STUDENT_B, NOT_FOUND,
                        Caller.INSTRUCTOR_A, "CohortDashboardView", Caller.INSTRUCTOR_B, NOT_FOUND,
                        Caller.ADMIN, "CohortDashboardView", Caller.ORG_ADMIN_A, NOT_FOUND)),
                Map.entry("organisation", Map.of(Caller.ANONYMOUS, LOGIN, Caller.STUDENT_A, NOT_FOUND, Caller.STUDENT_B, NOT_FOUND,
                        Caller.INSTRUCTOR_A, NOT_FOUND, Caller.INSTRUCTOR_B, NOT_FOUND, Caller.ADMIN, "OrganisationReportView",
                        Caller.ORG_ADMIN_A, "OrganisationReportView")),
                // The start page forwards to the first screen of the caller's menu.
                Map.entry("", Map.of(Caller.ANONYMOUS, LOGIN, Caller.STUDENT_A, "MyLearningView", Caller.STUDENT_B, "MyLearningView",
                        Caller.INSTRUCTOR_A, "CohortsView", Caller.INSTRUCTOR_B, "CohortsView", Caller.ADMIN, "CohortsView",
                        Caller.ORG_ADMIN_A, "OrganisationReportView")));
    }

    @TestFactory
    Stream<DynamicTest> each_caller_opening_each_route() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Caller caller : Caller.values()) {
            for (String route : List.of("learn", "LESSON", "cohorts", "DASHBOARD", "organisation", "", "admin/people",
                    "admin/organisations", "admin/courses", "admin/cohorts", "seats")) {
                tests.add(DynamicTest.dynamicTest(caller + " opening /" + route, () -> {
                    World w = world();
                    String path = switch (route) {
                        case "LESSON" -> "learn/" + w.cohortA().id() + "/lesson/" + w.courseA().lessons().getFirst().id();
                        case "DASHBOARD" -> "cohorts/" + w.cohortA().id();
                        default -> route;
                    };
                    String expected = expectations(w).get(path).get(caller);
                    HasElement view = open(person(caller), path);
                    if (expected.equals(NOT_FOUND)) {
                        assertThat(view).isInstanceOf(MessageErrorView.class);
                        assertThat(find(Paragraph.class).withClassName("error-message").single().getText())
                                .isIn(MessageErrorView.NOT_FOUND, "This cohort does not exist, or you are not a member of it.");
                    } else {
                        assertThat(view.getClass().getSimpleName()).isEqualTo(expected);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void unknown_routes_and_malformed_or_unknown_ids_read_as_not_found_without_details() {
        PersonSummary student = world().studentA();
        for (String path : List.of("no-such-page", "learn/abc/lesson/1", "learn/999999999/lesson/1",
                "learn/" + world().cohortA().id() + "/lesson/999999999", "learn/1/lesson/1' or 1=1")) {
            HasElement view = open(student, path);
            assertThat(view).as(path).isInstanceOf(MessageErrorView.class);
            String text = find(Paragraph.class).withClassName("error-message").single().getText();
            assertThat(text).as(path).doesNotContain("Exception", "route", "at org.");
        }
    }

    @Test
    void the_side_navigation_lists_only_what_the_role_may_open() {
        assertThat(menuOf(world().studentA())).containsExactly("My learning", "Chat", "Notifications");
        assertThat(menuOf(world().instructorA())).containsExactly("Cohorts", "Chat", "Notifications");
        assertThat(menuOf(world().admin())).containsExactly("Cohorts", "Reports", "Seats", "Organisations", "People", "Courses",
                "Manage cohorts", "Notifications");
        assertThat(menuOf(world().orgAdminA())).containsExactly("Reports", "Seats", "Notifications");
    }

    private List<String> menuOf(PersonSummary person) {
        open(person, "");
        return find(SideNavItem.class).all().stream().map(SideNavItem::getLabel).toList();
    }
}
