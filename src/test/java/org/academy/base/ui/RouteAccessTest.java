package org.academy.base.ui;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.academy.identity.PersonSummary;
import org.academy.orgreport.CohortReport;
import org.academy.orgreport.LearnerReport;
import org.academy.seats.SeatPoolSummary;
import org.academy.testing.AccessFixtures;
import org.academy.testing.AccessFixtures.Extra;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Caller;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.Route;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the application, found by scanning for {@code @Route}, opened by every kind of
 * caller in a simulated browser: who lands on the view, who is sent to log in, and who is told
 * "not found" with the same words whatever the reason. A route without a row here fails the test.
 */
class RouteAccessTest extends BrowserlessUiTest {


    static final String LOGIN = "LoginView";
    static final String NOT_FOUND = "not found";

    static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    static final Set<Caller> LOGGED_IN = EnumSet.complementOf(EnumSet.of(Caller.ANONYMOUS));
    static final Set<Caller> STUDENTS = EnumSet.of(Caller.STUDENT_A, Caller.STUDENT_B);
    static final Set<Caller> MEMBERS_OF_A = EnumSet.of(Caller.STUDENT_A, Caller.INSTRUCTOR_A, Caller.ADMIN);
    static final Set<Caller> STAFF_OF_A = EnumSet.of(Caller.INSTRUCTOR_A, Caller.ADMIN);
    static final Set<Caller> STAFF = EnumSet.of(Caller.INSTRUCTOR_A, Caller.INSTRUCTOR_B, Caller.ADMIN);
    static final Set<Caller> ORG_ADMINS = EnumSet.of(Caller.ORG_ADMIN_A, Caller.ORG_ADMIN_B, Caller.ADMIN);
    static final Set<Caller> ADMIN = EnumSet.of(Caller.ADMIN);

    /** Built once for the class: the dynamic tests and the other tests share it (read-only use). */
    private static Extra extra;

    @Autowired
    ApplicationContext context;

    private Extra x() {
        if (extra == null) {
            extra = AccessFixtures.from(context).build();
        }
        return extra;
    }

    private PersonSummary person(Caller caller) {
        return caller.person(x().world());
    }

    /** A route's template, the concrete path opened (pointing at cohort A's data), and each caller's landing. */
    private record RouteRule(String template, Function<Extra, String> path, Map<Caller, String> landing) {
    }

    /** The callers in {@code who} land on the view; anonymous callers are sent to log in; everyone else: not found. */
    private static Map<Caller, String> only(Set<Caller> who, String view) {
        Map<Caller, String> landing = new EnumMap<>(Caller.class);
        for (Caller c : Caller.values()) {
            landing.put(c, who.contains(c) ? view : c == Caller.ANONYMOUS ? LOGIN : NOT_FOUND);
        }
        return landing;
    }

    private static Map<Caller, String> with(Map<Caller, String> landing, Caller caller, String view) {
        Map<Caller, String> copy = new EnumMap<>(landing);
        copy.put(caller, view);
        return copy;
    }

    private Map<String, RouteRule> rules() {
        List<RouteRule> rules = List.of(
                // The start page forwards to the first screen of the caller's menu.
                new RouteRule("", x -> "", Map.of(Caller.ANONYMOUS, LOGIN,
                        Caller.STUDENT_A, "MyLearningView", Caller.STUDENT_B, "MyLearningView",
                        Caller.INSTRUCTOR_A, "CohortsView", Caller.INSTRUCTOR_B, "CohortsView", Caller.ADMIN, "CohortsView",
                        Caller.ORG_ADMIN_A, "OrganisationReportView", Caller.ORG_ADMIN_B, "OrganisationReportView")),
                new RouteRule("login", x -> "login", only(EVERYONE, "LoginView")),
                // The link's token is the credential: anyone holding it may open the page.
                new RouteRule("invitation/:token", x -> "invitation/" + x.invitationToken(), only(EVERYONE, "InvitationView")),
                new RouteRule("learn", x -> "learn", only(STUDENTS, "MyLearningView")),
                new RouteRule("learn/:cohortId/lesson/:lessonId",
                        x -> "learn/" + x.world().cohortA().id() + "/lesson/" + x.world().courseA().lessons().getFirst().id(),
                        only(MEMBERS_OF_A, "LessonView")),
                new RouteRule("cohorts", x -> "cohorts", only(STAFF, "CohortsView")),
                new RouteRule("cohorts/:cohortId", x -> "cohorts/" + x.world().cohortA().id(),
                        only(STAFF_OF_A, "CohortDashboardView")),
                new RouteRule("cohorts/:cohortId/sessions", x -> "cohorts/" + x.world().cohortA().id() + "/sessions",
                        only(STAFF_OF_A, "CohortSessionsView")),
                new RouteRule("cohorts/:cohortId/reviews", x -> "cohorts/" + x.world().cohortA().id() + "/reviews",
                        only(STAFF_OF_A, "ReviewQueueView")),
                new RouteRule("sessions/:sessionId", x -> "sessions/" + x.liveSession().id(),
                        only(EnumSet.of(Caller.STUDENT_A), "ParticipantView")),
                new RouteRule("live-sessions", x -> "live-sessions", only(STAFF, "LiveSessionsView")),
                new RouteRule("sessions/:sessionId/facilitate", x -> "sessions/" + x.liveSession().id() + "/facilitate",
                        only(STAFF_OF_A, "FacilitatorView")),
                new RouteRule("sessions/:sessionId/summary", x -> "sessions/" + x.endedSession().id() + "/summary",
                        only(STAFF_OF_A, "SessionSummaryView")),
                // Chat's home forwards a member of a single cohort to that cohort's room; administrators
                // reach rooms from the cohorts' pages, not from a chat menu of every cohort.
                new RouteRule("chat", x -> "chat", only(EnumSet.of(Caller.STUDENT_A, Caller.STUDENT_B, Caller.INSTRUCTOR_A,
                        Caller.INSTRUCTOR_B), "ChatView")),
                new RouteRule("chat/:cohortId", x -> "chat/" + x.world().cohortA().id(), only(MEMBERS_OF_A, "ChatView")),
                new RouteRule("notifications", x -> "notifications", only(LOGGED_IN, "NotificationsView")),
                new RouteRule("profile/tokens", x -> "profile/tokens", only(LOGGED_IN, "ApiTokensView")),
                new RouteRule("notifications/preferences", x -> "notifications/preferences",
                        only(LOGGED_IN, "NotificationPreferencesView")),
                new RouteRule("admin/outgoing-mail", x -> "admin/outgoing-mail", only(ADMIN, "OutgoingMailView")),
                new RouteRule("calendar-feed", x -> "calendar-feed", only(LOGGED_IN, "CalendarFeedView")),
                new RouteRule("organisation", x -> "organisation", only(ORG_ADMINS, "OrganisationReportView")),
                new RouteRule("seats", x -> "seats", only(ORG_ADMINS, "SeatsView")),
                new RouteRule("admin/people", x -> "admin/people", only(ADMIN, "PeopleView")),
                new RouteRule("admin/organisations", x -> "admin/organisations", only(ADMIN, "OrganisationsView")),
                new RouteRule("admin/courses", x -> "admin/courses", only(ADMIN, "CoursesView")),
                new RouteRule("admin/courses/:courseId", x -> "admin/courses/" + x.world().courseA().id(),
                        only(ADMIN, "CourseEditorView")),
                new RouteRule("admin/cohorts", x -> "admin/cohorts", only(ADMIN, "CohortAdminView")),
                new RouteRule("admin/health", x -> "admin/health", only(ADMIN, "SystemHealthView")));
        Map<String, RouteRule> byTemplate = new LinkedHashMap<>();
        rules.forEach(r -> byTemplate.put(r.template(), r));
        return byTemplate;
    }

    /** Every {@code @Route} template of the application, from its classes. */
    private static Set<String> routesOfTheApplication() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        Set<String> templates = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.academy")) {
            try {
                templates.add(Class.forName(candidate.getBeanClassName()).getAnnotation(Route.class).value());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return templates;
    }

    @Test
    void every_route_of_the_application_has_a_rule_and_every_rule_a_route() {
        Set<String> routes = routesOfTheApplication();
        assertThat(routes).as("routes found by scanning").hasSizeGreaterThan(15);
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(rules().keySet());
        Set<String> stale = new TreeSet<>(rules().keySet());
        stale.removeAll(routes);
        assertThat(missing).as("routes without a rule in RouteAccessTest (add one: who lands where)").isEmpty();
        assertThat(stale).as("rules naming a route that no longer exists").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> each_caller_opening_each_route() {
        Set<String> routes = routesOfTheApplication();
        List<DynamicTest> tests = new ArrayList<>();
        for (RouteRule rule : rules().values()) {
            if (!routes.contains(rule.template())) {
                continue; // reported by the completeness test
            }
            for (Caller caller : Caller.values()) {
                String expected = rule.landing().get(caller);
                tests.add(DynamicTest.dynamicTest(caller + " opening /" + rule.template() + " lands on " + expected, () -> {
                    String path = rule.path().apply(x());
                    HasElement view = open(person(caller), path);
                    if (expected.equals(NOT_FOUND)) {
                        assertNotFound(path, view);
                    } else {
                        assertThat(view.getClass().getSimpleName()).as(caller + " opening /" + path).isEqualTo(expected);
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** Every refusal reads the same way: the not-found page, a sentence for people, nothing technical. */
    private void assertNotFound(String path, HasElement view) {
        assertThat(view).as("/" + path).isInstanceOf(MessageErrorView.class);
        assertThat(find(H2.class).single().getText()).as("/" + path).isEqualTo("Not found");
        assertThat(find(Paragraph.class).withClassName("error-message").single().getText()).as("/" + path)
                .doesNotContain("Exception", "route", "at org.", "denied", "forbidden");
    }

    @Test
    void an_invitation_link_opens_for_anyone_holding_it_and_a_garbage_or_unknown_token_says_the_link_does_not_work() {
        HasElement valid = openAnonymously("invitation/" + x().invitationToken());
        assertThat(valid.getClass().getSimpleName()).isEqualTo("InvitationView");
        assertThat(find(H1.class).single().getText()).isEqualTo("Welcome, " + x().invitedStudent().displayName());
        assertThat(find(PasswordField.class).all()).hasSize(2);

        for (String token : List.of("garbage", UUID.randomUUID().toString(), "1' or '1'='1", "%00")) {
            HasElement view = openAnonymously("invitation/" + token);
            assertThat(view.getClass().getSimpleName()).as(token).isEqualTo("InvitationView");
            assertThat(find(H1.class).single().getText()).as(token).isEqualTo("This link does not work any more");
            assertThat(find(Paragraph.class).single().getText()).as(token)
                    .isEqualTo("It has expired or was already used. Ask your administrator for a new one.");
            assertThat(find(PasswordField.class).all()).as(token).isEmpty();
        }
    }

    @Test
    void unknown_routes_and_malformed_or_unknown_ids_read_as_not_found_without_details() {
        World w = x().world();
        for (String path : List.of("no-such-page", "learn/abc/lesson/1", "learn/999999999/lesson/1",
                "learn/" + w.cohortA().id() + "/lesson/999999999", "learn/1/lesson/1' or 1=1",
                "learn/" + w.cohortA().id() + "/lesson/" + x().draftCourse().lessons().getFirst().id(),
                "sessions/abc", "sessions/999999999", "chat/abc", "chat/999999999", "notifications/1")) {
            assertNotFound(path, open(w.studentA(), path));
        }
        for (String path : List.of("cohorts/abc", "cohorts/999999999", "cohorts/999999999/sessions", "cohorts/999999999/reviews",
                "sessions/abc/facilitate", "sessions/999999999/facilitate", "sessions/999999999/summary")) {
            assertNotFound(path, open(w.instructorA(), path));
        }
    }

    @Test
    void an_administrator_opening_a_malformed_or_unknown_course_id_reads_not_found() {
        for (String path : List.of("admin/courses/abc", "admin/courses/999999999")) {
            assertNotFound(path, open(x().world().admin(), path));
        }
    }

    @Test
    void an_org_admin_naming_another_organisation_in_the_address_still_sees_only_their_own() {
        World w = x().world();
        Map<String, String> orgA = Map.of("organisation", String.valueOf(w.orgA().id()));
        open(w.orgAdminB(), "organisation", orgA);
        List<Object> shown = gridItems();
        assertThat(shown).as("report rows shown to organisation B's admin").isNotEmpty()
                .noneMatch(item -> item instanceof CohortReport c && c.cohortId() == w.cohortA().id())
                .noneMatch(item -> item instanceof LearnerReport l && l.email().equals(w.studentA().email()));
        open(w.orgAdminB(), "seats", orgA);
        assertThat(gridItems()).as("seat pools shown to organisation B's admin")
                .noneMatch(item -> item instanceof SeatPoolSummary p && p.organisationId() == w.orgA().id());
    }

    /** Everything the grids of the current view hold (lazy ones fetch their first page). */
    private List<Object> gridItems() {
        List<Object> items = new ArrayList<>();
        for (Grid<?> grid : find(Grid.class).all()) {
            grid.getGenericDataView().getItems().limit(100).forEach(items::add);
        }
        return items;
    }

    @Test
    void the_side_navigation_lists_only_what_the_role_may_open() {
        World w = x().world();
        assertThat(menuOf(w.studentA())).containsExactly("My learning", "Chat", "Notifications");
        assertThat(menuOf(w.instructorA())).containsExactly("Cohorts", "Live sessions", "Chat", "Notifications");
        assertThat(menuOf(w.admin())).containsExactly("Cohorts", "Live sessions", "Reports", "Seats", "Organisations", "People", "Courses",
                "Manage cohorts", "Outgoing mail", "Notifications", "System health");
        assertThat(menuOf(w.orgAdminA())).containsExactly("Reports", "Seats", "Notifications");
        assertThat(menuOf(w.orgAdminB())).containsExactly("Reports", "Seats", "Notifications");
    }

    private List<String> menuOf(PersonSummary person) {
        open(person, "");
        return find(SideNavItem.class).all().stream().map(SideNavItem::getLabel).toList();
    }
}
