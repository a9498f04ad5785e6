package org.academy.cohort;

import java.time.LocalDate;
import java.util.Set;

import org.academy.identity.IdentityService;
import org.academy.identity.PersonSummary;
import org.academy.security.Role;
import org.academy.seats.SeatService;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 9, defect 3: an org admin places people in a cohort only through a seat their organisation bought. */
@IntegrationTest
class EnrolmentThroughSeatsTest {

    @Autowired
    CohortService cohorts;
    @Autowired
    SeatService seats;
    @Autowired
    IdentityService identity;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    World w;
    PersonSummary unseated;

    @BeforeEach
    void setUp() {
        w = fixtures.world(1, 2);
        unseated = as(w.admin(), () -> identity.createUser(w.orgA().id(), "unseated-" + System.nanoTime() + "@example.test",
                "Unseated", null, Set.of(Role.STUDENT)));
    }

    @Test
    void an_org_admin_cannot_enrol_their_own_person_without_a_seat_and_nothing_changes() {
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> cohorts.enrol(w.cohortA().id(), unseated.id())))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("holds no seat");
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> cohorts.enrol(w.cohortB().id(), unseated.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(enrolments(unseated)).isZero();
    }

    @Test
    void a_seat_of_a_pool_for_the_cohorts_course_lets_the_org_admin_enrol_but_only_there() {
        var pool = as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), null, 5,
                LocalDate.of(2026, 1, 1), LocalDate.of(2030, 1, 1)));
        as(w.orgAdminA(), () -> seats.assign(pool.id(), unseated.email(), null));

        as(w.orgAdminA(), () -> cohorts.enrol(w.cohortA().id(), unseated.id()));
        assertThat(enrolments(unseated)).isOne();
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> cohorts.enrol(w.cohortB().id(), unseated.id())))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_revoked_seat_no_longer_entitles() {
        var pool = as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), null, 5,
                LocalDate.of(2026, 1, 1), LocalDate.of(2030, 1, 1)));
        var held = as(w.orgAdminA(), () -> seats.assign(pool.id(), unseated.email(), null));
        as(w.orgAdminA(), () -> seats.revoke(held.holder().assignmentId()));

        assertThatThrownBy(() -> as(w.orgAdminA(), () -> cohorts.enrol(w.cohortA().id(), unseated.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(enrolments(unseated)).isZero();
    }

    private int enrolments(PersonSummary p) {
        return jdbc.sql("select count(*) from enrolment where user_id = ?").param(p.id()).query(Integer.class).single();
    }
}
