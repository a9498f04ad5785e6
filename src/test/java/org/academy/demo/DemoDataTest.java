package org.academy.demo;

import org.academy.cohort.CohortService;
import org.academy.cohort.CohortSummary;
import org.academy.livesession.LiveSessionService;
import org.academy.quiz.CohortQuizzes;
import org.academy.quiz.QuizService;
import org.academy.security.AcademyUser;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@ActiveProfiles("demo")
class DemoDataTest {

    @Autowired
    DemoData demo;
    @Autowired
    AuthenticationConfiguration authentication;
    @Autowired
    CohortService cohorts;
    @Autowired
    LiveSessionService sessions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    QuizService quizzes;
    @Autowired
    java.time.Clock clock;

    Authentication login(String email) throws Exception {
        return authentication.getAuthenticationManager()
                .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(email, DemoData.PASSWORD));
    }

    @Test
    void the_demo_profile_loads_a_working_academy_once() throws Exception {
        for (String email : new String[]{"admin@academy.demo", "orgadmin@northwind.demo", "instructor@academy.demo",
                "student1@northwind.demo", "student22@northwind.demo", "orgadmin@contoso.demo"}) {
            assertThat(login(email).isAuthenticated()).as(email).isTrue();
        }

        Authentication instructor = login("instructor@academy.demo");
        SecurityContextHolder.getContext().setAuthentication(instructor);
        try {
            CohortSummary cohort = cohorts.staffCohorts().getFirst();
            assertThat(cohort.learnerCount()).isEqualTo(22);
            assertThat(cohort.instructorNames()).containsExactly(((AcademyUser) instructor.getPrincipal()).displayName());
            assertThat(sessions.sessionsOf(cohort.id())).hasSize(2);
            // Coherent dates: every session falls within the cohort's days, and one of them is today.
            java.time.ZoneId zone = java.time.ZoneId.systemDefault();
            java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(zone));
            assertThat(sessions.sessionsOf(cohort.id())).allSatisfy(s -> assertThat(s.startsAt().atZone(zone).toLocalDate())
                    .isBetween(cohort.startsOn(), cohort.endsOn()));
            assertThat(sessions.sessionsOf(cohort.id())).anySatisfy(s -> assertThat(s.startsAt().atZone(zone).toLocalDate())
                    .isEqualTo(today));
            long lessons = jdbc.sql("select count(*) from lesson l join cohort c on c.course_id = l.course_id where c.id = ?")
                    .param(cohort.id()).query(Long.class).single();
            assertThat(lessons).isGreaterThanOrEqualTo(8);

            // Quizzes on two lessons with attempts, so the dashboard's quiz section shows scores.
            CohortQuizzes quizPicture = quizzes.cohortQuizzes(cohort.id());
            assertThat(quizPicture.quizzes()).hasSize(2);
            assertThat(quizPicture.quizzes()).allSatisfy(q -> {
                assertThat(q.averagePercent()).isNotNull();
                assertThat(q.hardestQuestion()).isNotNull();
            });
            assertThat(quizPicture.quizzes().getFirst().attemptedCount()).isEqualTo(5);
            assertThat(quizPicture.quizzes().get(1).attemptedCount()).isEqualTo(3);
        } finally {
            SecurityContextHolder.clearContext();
        }

        assertThat(jdbc.sql("select count(*) from seat_assignment a join seat_pool p on p.id = a.pool_id "
                + "join organisation o on o.id = p.organisation_id where o.name = ? and a.revoked_at is null")
                .param(DemoData.ORGANISATION).query(Long.class).single()).isEqualTo(22);

        // For the admin screens: a draft course, a second customer with two invited people, a later cohort.
        assertThat(jdbc.sql("select count(*) from course where title = 'Evaluating LLM outputs' and not published").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from app_user where email like '%@contoso.demo' and password_hash is null")
                .query(Long.class).single()).isEqualTo(2);
        // A project on the last lesson: three learners handed it in, one of them reviewed.
        assertThat(jdbc.sql("select count(*) from project_submission s join app_user u on u.id = s.user_id "
                + "where u.email like '%@northwind.demo'").query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from project_submission s join app_user u on u.id = s.user_id "
                + "where u.email like '%@northwind.demo' and s.status = 'REVIEWED'").query(Long.class).single())
                .isEqualTo(1);

        long organisations = jdbc.sql("select count(*) from organisation where name = ?").param(DemoData.ORGANISATION)
                .query(Long.class).single();
        ApplicationArguments none = new DefaultApplicationArguments();
        demo.run(none);
        assertThat(jdbc.sql("select count(*) from organisation where name = ?").param(DemoData.ORGANISATION)
                .query(Long.class).single()).isEqualTo(organisations).isEqualTo(1);
    }
}
