package org.academy.seats;

import org.academy.base.Paging;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.cohort.CohortService;
import org.academy.progress.ProgressService;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.academy.identity.PersonSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class SeatServiceTest {

    @Autowired
    SeatService seats;
    @Autowired
    CohortService cohorts;
    @Autowired
    ProgressService progress;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    World w;

    @BeforeEach
    void setUp() {
        w = fixtures.world();
    }

    SeatPoolSummary pool(int n) {
        return as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), w.cohortA().id(), n,
                LocalDate.now().minusDays(1), LocalDate.now().plusDays(60)));
    }

    String email(String name) {
        return name + "-" + System.nanoTime() + "@example.test";
    }

    @Test
    void two_admins_taking_the_last_seats_at_once_never_overfill_a_pool() throws Exception {
        SeatPoolSummary pool = pool(5);
        int attempts = 20;
        ExecutorService admins = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            String email = email("rush" + i);
            PersonSummary admin = i % 2 == 0 ? w.orgAdminA() : w.admin();
            results.add(admins.submit(() -> {
                go.await();
                try {
                    as(admin, () -> seats.assign(pool.id(), email, null));
                    return true;
                } catch (InvalidRequestException full) {
                    assertThat(full).hasMessageContaining("No free seats");
                    return false;
                }
            }));
        }
        go.countDown();
        int assigned = 0;
        for (Future<Boolean> f : results) {
            assigned += f.get() ? 1 : 0;
        }
        admins.shutdown();
        assertThat(assigned).isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from seat_assignment where pool_id = ? and revoked_at is null")
                .param(pool.id()).query(Integer.class).single()).isEqualTo(5);
        assertThat(as(w.orgAdminA(), () -> seats.pools(w.orgA().id()))).singleElement()
                .satisfies(p -> assertThat(p.free()).isZero());
    }

    @Test
    void an_org_admin_never_sees_or_changes_another_organisations_seats() {
        SeatPoolSummary pool = pool(3);
        var held = as(w.orgAdminA(), () -> seats.assign(pool.id(), email("mine"), "Mine"));
        assertThatThrownBy(() -> as(w.orgAdminB(), () -> seats.pools(w.orgA().id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.orgAdminB(), () -> seats.holders(pool.id(), "", Paging.first(100)))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.orgAdminB(), () -> seats.assign(pool.id(), email("intruder"), null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.orgAdminB(), () -> seats.revoke(held.holder().assignmentId())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.orgAdminB(), () -> seats.audit(w.orgA().id(), Paging.first(10)))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.studentA(), () -> seats.pools(w.orgA().id()))).isInstanceOf(
                org.springframework.security.access.AccessDeniedException.class);
        assertThat(as(w.orgAdminA(), () -> seats.holders(pool.id(), "", Paging.first(100)))).hasSize(1);
    }

    @Test
    void a_new_email_gets_an_invited_account_a_seat_and_the_cohort() {
        SeatPoolSummary pool = pool(2);
        String email = email("newcomer");
        SeatService.Assignment a = as(w.orgAdminA(), () -> seats.assign(pool.id(), email, "New Comer"));

        assertThat(a.invitation()).isNotNull();
        assertThat(a.holder().email()).isEqualTo(email);
        assertThat(a.holder().neverLoggedIn()).isTrue();
        assertThat(jdbc.sql("select password_hash is null from app_user where id = ?").param(a.holder().userId())
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select 1 from enrolment where cohort_id = ? and user_id = ?")
                .params(w.cohortA().id(), a.holder().userId()).query(Integer.class).optional()).isPresent();
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> seats.assign(pool.id(), email, null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("already holds");
        // Refused without saying where else the address is known (see OrgAdminReachTest).
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> seats.assign(pool.id(), w.studentB().email(), null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cannot be given a seat here");
    }

    @Test
    void revoking_frees_the_seat_and_access_but_keeps_history() {
        SeatPoolSummary pool = pool(1);
        var a = as(w.orgAdminA(), () -> seats.assign(pool.id(), w.studentA().email(), null));
        as(w.studentA(), () -> progress.markComplete(w.cohortA().id(), w.courseA().lessons().getFirst().id()));

        as(w.orgAdminA(), () -> seats.revoke(a.holder().assignmentId()));

        assertThatThrownBy(() -> as(w.studentA(), () -> cohorts.cohort(w.cohortA().id()))).isInstanceOf(NotFoundException.class);
        assertThat(jdbc.sql("select count(*) from lesson_completion where user_id = ?").param(w.studentA().id())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(as(w.orgAdminA(), () -> seats.pools(w.orgA().id())).getFirst().free()).isEqualTo(1);
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> seats.revoke(a.holder().assignmentId())))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void a_swap_gives_the_seat_to_a_substitute_and_everything_is_audited() {
        SeatPoolSummary pool = pool(1);
        var noShow = as(w.orgAdminA(), () -> seats.assign(pool.id(), email("noshow"), "No Show"));
        String substitute = email("substitute");
        var sub = as(w.orgAdminA(), () -> seats.swap(noShow.holder().assignmentId(), substitute, "Sub Stitute"));

        assertThat(sub.holder().email()).isEqualTo(substitute);
        assertThat(as(w.orgAdminA(), () -> seats.holders(pool.id(), "", Paging.first(100)))).extracting(SeatHolder::email).containsExactly(substitute);
        assertThat(as(w.orgAdminA(), () -> seats.audit(w.orgA().id(), Paging.first(10)))).extracting(SeatAuditEntry::action)
                .containsExactly("ASSIGNED", "SWAPPED", "ASSIGNED", "POOL_CREATED");
        assertThat(as(w.admin(), () -> seats.audit(w.orgA().id(), Paging.first(10)))).hasSize(4);
    }

    @Test
    void reclaiming_frees_only_the_seats_of_people_who_never_logged_in_by_the_cohorts_start() {
        SeatPoolSummary pool = pool(3);
        as(w.orgAdminA(), () -> seats.assign(pool.id(), email("ghost"), "Ghost"));
        as(w.orgAdminA(), () -> seats.assign(pool.id(), w.studentsA().get(1).email(), null));
        jdbc.sql("update app_user set last_login_at = now() where id = ?").param(w.studentsA().get(1).id()).update();

        List<SeatHolder> listed = as(w.orgAdminA(), () -> seats.holders(pool.id(), "", Paging.first(100)));
        assertThat(listed.getFirst().neverLoggedIn()).isTrue();
        // Before the cohort starts, not having logged in yet is normal.
        assertThat(as(w.orgAdminA(), () -> seats.noShows(pool.id()))).isEqualTo(
                new SeatService.NoShows(w.cohortA().startsOn(), 1, false));
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> seats.reclaimNoShows(pool.id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cohort's start");

        as(w.admin(), () -> cohorts.editCohort(w.cohortA().id(), w.cohortA().name(), LocalDate.now().minusDays(1),
                LocalDate.now()));
        int reclaimed = as(w.orgAdminA(), () -> seats.reclaimNoShows(pool.id()));

        assertThat(reclaimed).isEqualTo(1);
        assertThat(as(w.orgAdminA(), () -> seats.holders(pool.id(), "", Paging.first(100)))).extracting(SeatHolder::userId)
                .containsExactly(w.studentsA().get(1).id());
    }

    @Test
    void pools_are_created_by_administrators_with_sane_figures() {
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), null, 5,
                LocalDate.now(), LocalDate.now().plusDays(1)))).isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThatThrownBy(() -> as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), null, 0,
                LocalDate.now(), LocalDate.now().plusDays(1)))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), w.cohortB().id(), 5,
                LocalDate.now(), LocalDate.now().plusDays(1)))).isInstanceOf(InvalidRequestException.class);
        SeatPoolSummary expiring = as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), null, 5,
                LocalDate.now(), LocalDate.now().plusDays(3)));
        assertThat(expiring.expiring()).isTrue();
        assertThat(expiring.free()).isEqualTo(5);
    }

    @Test
    void holders_are_paged_and_searched_with_people_who_never_logged_in_first() {
        SeatPoolSummary pool = pool(3);
        as(w.orgAdminA(), () -> seats.assign(pool.id(), w.studentsA().get(0).email(), null));
        as(w.orgAdminA(), () -> seats.assign(pool.id(), w.studentsA().get(1).email(), null));
        as(w.orgAdminA(), () -> seats.assign(pool.id(), w.studentsA().get(2).email(), null));
        jdbc.sql("update app_user set last_login_at = now() where id = ?").param(w.studentsA().get(0).id()).update();

        List<SeatHolder> firstPage = as(w.orgAdminA(), () -> seats.holders(pool.id(), "", new Paging(0, 2, null, true)));
        List<SeatHolder> secondPage = as(w.orgAdminA(), () -> seats.holders(pool.id(), "", new Paging(2, 2, null, true)));

        assertThat(firstPage).allSatisfy(h -> assertThat(h.neverLoggedIn()).isTrue());
        assertThat(secondPage).extracting(SeatHolder::userId).containsExactly(w.studentsA().get(0).id());
        assertThat(as(w.orgAdminA(), () -> seats.countHolders(pool.id(), w.studentsA().get(1).email()))).isEqualTo(1);
        assertThatThrownBy(() -> as(w.orgAdminB(), () -> seats.countHolders(pool.id(), ""))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_assignments_export_lists_live_and_revoked_seats_of_the_organisation_only() {
        SeatPoolSummary pool = pool(3);
        SeatService.Assignment kept = as(w.orgAdminA(), () -> seats.assign(pool.id(), email("kept"), "+kept"));
        SeatService.Assignment gone = as(w.orgAdminA(), () -> seats.assign(pool.id(), email("gone"), "Gone"));
        as(w.orgAdminA(), () -> seats.revoke(gone.holder().assignmentId()));

        String csv = as(w.orgAdminA(), () -> seats.assignmentsCsv(w.orgA().id()));

        assertThat(csv.lines().toList()).hasSize(3);
        assertThat(csv).contains(kept.holder().email() + ",'+kept,").contains(",assigned,").contains(",revoked,");
        assertThatThrownBy(() -> as(w.orgAdminB(), () -> seats.assignmentsCsv(w.orgA().id()))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void holders_of_a_course_pool_are_enrolled_into_a_cohort_by_an_administrator() {
        SeatPoolSummary coursePool = as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), null, 5,
                LocalDate.now().minusDays(1), LocalDate.now().plusDays(30)));
        SeatService.Assignment a = as(w.orgAdminA(), () -> seats.assign(coursePool.id(), email("late"), "Late"));
        as(w.orgAdminA(), () -> seats.assign(coursePool.id(), w.studentA().email(), null));

        int enrolled = as(w.admin(), () -> seats.enrolHolders(coursePool.id(), w.cohortA().id()));

        // The student was in cohort A already.
        assertThat(enrolled).isEqualTo(1);
        assertThat(jdbc.sql("select 1 from enrolment where cohort_id = ? and user_id = ?")
                .params(w.cohortA().id(), a.holder().userId()).query(Integer.class).optional()).isPresent();
        assertThatThrownBy(() -> as(w.admin(), () -> seats.enrolHolders(coursePool.id(), w.cohortB().id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("another course");
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> seats.enrolHolders(coursePool.id(), w.cohortA().id())))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    @Test
    void a_pool_grows_or_shrinks_but_never_below_its_assigned_seats() {
        SeatPoolSummary pool = pool(2);
        as(w.orgAdminA(), () -> seats.assign(pool.id(), email("one"), "One"));
        as(w.orgAdminA(), () -> seats.assign(pool.id(), email("two"), "Two"));

        assertThatThrownBy(() -> as(w.admin(), () -> seats.changePool(pool.id(), 1, pool.validUntil())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("2 seats are assigned");
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> seats.changePool(pool.id(), 5, pool.validUntil())))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        SeatPoolSummary grown = as(w.admin(), () -> seats.changePool(pool.id(), 5, pool.validUntil().plusDays(30)));

        assertThat(grown.bought()).isEqualTo(5);
        assertThat(grown.free()).isEqualTo(3);
        assertThat(grown.validUntil()).isEqualTo(pool.validUntil().plusDays(30));
        assertThat(as(w.orgAdminA(), () -> seats.audit(w.orgA().id(), Paging.first(1))).getFirst().action()).isEqualTo("POOL_CHANGED");
    }

    @Test
    void revoking_a_seat_takes_away_the_course_wherever_the_learner_was_moved_or_enrolled() {
        SeatPoolSummary pool = pool(2);
        SeatService.Assignment a = as(w.orgAdminA(), () -> seats.assign(pool.id(), w.studentsA().get(1).email(), null));
        var later = as(w.admin(), () -> cohorts.createCohort(w.courseA().id(), "Later " + System.nanoTime(),
                LocalDate.now().plusDays(40), LocalDate.now().plusDays(41)));
        as(w.admin(), () -> cohorts.moveLearner(w.studentsA().get(1).id(), w.cohortA().id(), later.id()));

        as(w.orgAdminA(), () -> seats.revoke(a.holder().assignmentId()));

        assertThatThrownBy(() -> as(w.studentsA().get(1), () -> cohorts.cohort(later.id()))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void revoking_a_course_wide_seat_ends_the_cohort_access_it_gave() {
        SeatPoolSummary coursePool = as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), null, 2,
                LocalDate.now().minusDays(1), LocalDate.now().plusDays(30)));
        SeatService.Assignment a = as(w.orgAdminA(), () -> seats.assign(coursePool.id(), email("wide"), "Wide"));
        as(w.admin(), () -> seats.enrolHolders(coursePool.id(), w.cohortA().id()));

        as(w.orgAdminA(), () -> seats.revoke(a.holder().assignmentId()));

        assertThat(jdbc.sql("select count(*) from enrolment where user_id = ?").param(a.holder().userId())
                .query(Integer.class).single()).isZero();
    }
}
