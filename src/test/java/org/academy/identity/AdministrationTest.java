package org.academy.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.Paging;
import org.academy.security.Role;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class AdministrationTest {

    @Autowired
    IdentityService identity;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuthenticationConfiguration authConfig;
    @Autowired
    org.springframework.security.core.session.SessionRegistry registry;

    World w;

    @BeforeEach
    void setUp() {
        w = fixtures.world();
    }

    private void login(String email, String password) throws Exception {
        authConfig.getAuthenticationManager().authenticate(UsernamePasswordAuthenticationToken.unauthenticated(email, password));
    }

    @Test
    void people_are_searched_paged_and_sorted_on_the_server() {
        PeopleFilter orgA = new PeopleFilter(null, w.orgA().id(), null, null);
        List<PersonRow> byName = as(w.admin(), () -> identity.people(orgA, new Paging(0, 2, "name", true)));
        List<PersonRow> next = as(w.admin(), () -> identity.people(orgA, new Paging(2, 2, "name", true)));
        List<PersonRow> descending = as(w.admin(), () -> identity.people(orgA, new Paging(0, 10, "name", false)));

        // Three learners and the org admin of organisation A.
        assertThat(as(w.admin(), () -> identity.countPeople(orgA))).isEqualTo(4);
        assertThat(byName).hasSize(2);
        assertThat(next).hasSize(2).doesNotContainAnyElementsOf(byName);
        assertThat(descending.getFirst().displayName()).isEqualTo(next.getLast().displayName());
        assertThat(as(w.admin(), () -> identity.people(orgA.withText(w.studentA().email().toUpperCase()), Paging.first(10))))
                .singleElement().satisfies(p -> {
                    assertThat(p.id()).isEqualTo(w.studentA().id());
                    assertThat(p.roles()).containsExactly(Role.STUDENT);
                    assertThat(p.organisationName()).isEqualTo(w.orgA().name());
                });
        // A % typed in the search box is a character, not a wildcard.
        assertThat(as(w.admin(), () -> identity.countPeople(orgA.withText("%")))).isZero();
        // An unknown sort key falls back to the name; it never reaches the SQL.
        assertThat(as(w.admin(), () -> identity.people(orgA, new Paging(0, 10, "1; drop table app_user", true))))
                .hasSize(4);
    }

    @Test
    void an_org_admin_sees_only_their_own_people_whatever_the_filter_says() {
        PeopleFilter askingForB = new PeopleFilter(null, w.orgB().id(), null, null);

        List<PersonRow> seen = as(w.orgAdminA(), () -> identity.people(askingForB, Paging.first(50)));

        assertThat(seen).isNotEmpty().allSatisfy(p -> assertThat(p.organisationId()).isEqualTo(w.orgA().id()));
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> identity.setActive(w.studentB().id(), false)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(w.studentA(), () -> identity.countPeople(PeopleFilter.all())))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_deactivated_person_cannot_log_in_until_activated_again() throws Exception {
        as(w.admin(), () -> identity.setActive(w.studentA().id(), false));
        assertThatThrownBy(() -> login(w.studentA().email(), Fixtures.PASSWORD)).isInstanceOf(DisabledException.class);

        as(w.admin(), () -> identity.setActive(w.studentA().id(), true));
        login(w.studentA().email(), Fixtures.PASSWORD);

        assertThatThrownBy(() -> as(w.admin(), () -> identity.setActive(w.admin().id(), false)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("yourself");
        assertThat(jdbc.sql("select count(*) from admin_audit where subject_user_id = ?").param(w.studentA().id())
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void a_deactivated_organisation_locks_out_its_people_and_keeps_their_data() throws Exception {
        as(w.admin(), () -> identity.setOrganisationActive(w.orgA().id(), false));

        assertThatThrownBy(() -> login(w.studentA().email(), Fixtures.PASSWORD)).isInstanceOf(DisabledException.class);
        login(w.studentB().email(), Fixtures.PASSWORD);
        assertThat(as(w.admin(), () -> identity.countPeople(new PeopleFilter(null, w.orgA().id(), null, null)))).isEqualTo(4);

        as(w.admin(), () -> identity.setOrganisationActive(w.orgA().id(), true));
        login(w.studentA().email(), Fixtures.PASSWORD);
    }

    @Test
    void organisations_are_renamed_with_unique_names_and_listed_with_their_people() {
        OrganisationSummary renamed = as(w.admin(), () -> identity.renameOrganisation(w.orgA().id(), w.orgA().name() + " Ltd"));
        assertThat(renamed.name()).endsWith(" Ltd");
        assertThatThrownBy(() -> as(w.admin(), () -> identity.renameOrganisation(w.orgA().id(), w.orgB().name().toUpperCase())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> identity.renameOrganisation(w.orgA().id(), "Mine")))
                .isInstanceOf(AccessDeniedException.class);

        List<OrganisationRow> found = as(w.admin(), () -> identity.organisations(renamed.name(), Paging.first(10)));
        assertThat(found).singleElement().satisfies(o -> assertThat(o.people()).isEqualTo(4));
    }

    @Test
    void roles_change_with_at_least_one_left_and_never_the_callers_own_admin_role() {
        PersonSummary changed = as(w.admin(), () -> identity.setRoles(w.studentA().id(), Set.of(Role.STUDENT, Role.ORG_ADMIN)));
        assertThat(changed.roles()).containsExactlyInAnyOrder(Role.STUDENT, Role.ORG_ADMIN);

        assertThatThrownBy(() -> as(w.admin(), () -> identity.setRoles(w.studentA().id(), Set.of())))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> as(w.admin(), () -> identity.setRoles(w.admin().id(), Set.of(Role.INSTRUCTOR))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("own administrator");
        // The instructor belongs to no organisation, so cannot administer one.
        assertThatThrownBy(() -> as(w.admin(), () -> identity.setRoles(w.instructorA().id(), Set.of(Role.ORG_ADMIN))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("no organisation");
        assertThat(as(w.admin(), () -> identity.findPerson(w.instructorA().id())).orElseThrow().roles())
                .containsExactly(Role.INSTRUCTOR);
    }

    @Test
    void a_password_reset_locks_the_old_password_and_its_link_works_once() throws Exception {
        UUID link = as(w.admin(), () -> identity.resetPassword(w.studentA().id()));

        assertThatThrownBy(() -> login(w.studentA().email(), Fixtures.PASSWORD)).isInstanceOf(DisabledException.class);
        assertThat(identity.invitation(link)).hasValueSatisfying(i -> {
            assertThat(i.email()).isEqualTo(w.studentA().email());
            assertThat(i.reset()).isTrue();
        });
        assertThatThrownBy(() -> identity.acceptInvitation(link, "short", "short"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least 10 characters");
        assertThatThrownBy(() -> identity.acceptInvitation(link, "a long new password", "a long new passwort"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("differ");

        identity.acceptInvitation(link, "a long new password", "a long new password");

        login(w.studentA().email(), "a long new password");
        assertThatThrownBy(() -> login(w.studentA().email(), Fixtures.PASSWORD)).isInstanceOf(BadCredentialsException.class);
        assertThat(identity.invitation(link)).isEmpty();
        assertThatThrownBy(() -> identity.acceptInvitation(link, "another password!", "another password!"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("expired or was already used");
    }

    @Test
    void a_newer_reset_link_withdraws_the_older_one() {
        UUID first = as(w.admin(), () -> identity.resetPassword(w.studentA().id()));
        UUID second = as(w.admin(), () -> identity.resetPassword(w.studentA().id()));

        assertThat(identity.invitation(first)).isEmpty();
        assertThat(identity.invitation(second)).isPresent();
        assertThat(identity.invitation(UUID.randomUUID())).isEmpty();
    }

    @Test
    void an_invited_person_sets_a_password_once_even_when_the_form_is_submitted_twice_at_once() throws Exception {
        IdentityService.Invitee invitee = as(w.orgAdminA(), () ->
                identity.findOrInvite(w.orgA().id(), "new-" + UUID.randomUUID() + "@example.test", "New Person"));
        assertThat(identity.invitation(invitee.invitation())).hasValueSatisfying(i -> assertThat(i.reset()).isFalse());

        int attempts = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            for (int i = 0; i < attempts; i++) {
                String password = "password number " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        identity.acceptInvitation(invitee.invitation(), password, password);
                        return true;
                    } catch (InvalidRequestException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Boolean> r : results) {
                accepted += r.get() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
        }
        assertThat(jdbc.sql("select count(*) from invitation where user_id = ? and used_at is not null")
                .param(invitee.person().id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void unknown_people_and_organisations_are_not_found() {
        assertThatThrownBy(() -> as(w.admin(), () -> identity.setActive(-5, false))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.admin(), () -> identity.setOrganisationActive(-5, false))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.admin(), () -> identity.resetPassword(-5))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deactivating_a_person_ends_the_sessions_they_have_open_and_no_one_elses() {
        registry.registerNewSession("student-a-tab", org.academy.testing.Actors.principal(w.studentA()));
        registry.registerNewSession("student-b-tab", org.academy.testing.Actors.principal(w.studentB()));

        as(w.admin(), () -> identity.setActive(w.studentA().id(), false));

        assertThat(registry.getSessionInformation("student-a-tab").isExpired()).isTrue();
        assertThat(registry.getSessionInformation("student-b-tab").isExpired()).isFalse();
    }

    @Test
    void a_refused_role_change_ends_no_session() {
        registry.registerNewSession("admin-tab", org.academy.testing.Actors.principal(w.admin()));

        assertThatThrownBy(() -> as(w.admin(), () -> identity.setRoles(w.admin().id(), Set.of(Role.STUDENT))))
                .isInstanceOf(InvalidRequestException.class);

        assertThat(registry.getSessionInformation("admin-tab").isExpired()).isFalse();
    }

    @Test
    void an_org_admin_renews_the_invitation_of_their_own_invited_people_only() {
        IdentityService.Invitee invitee = as(w.orgAdminA(), () ->
                identity.findOrInvite(w.orgA().id(), "renew-" + UUID.randomUUID() + "@example.test", "Renew Me"));

        UUID renewed = as(w.orgAdminA(), () -> identity.inviteAgain(invitee.person().id()));

        assertThat(identity.invitation(invitee.invitation())).isEmpty();
        assertThat(identity.invitation(renewed)).isPresent();
        assertThatThrownBy(() -> as(w.orgAdminB(), () -> identity.inviteAgain(invitee.person().id())))
                .isInstanceOf(NotFoundException.class);
        // Someone with a password gets a reset from an administrator, not a new invitation.
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> identity.inviteAgain(w.studentA().id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("already chosen a password");
    }

    @Test
    void links_are_stored_only_as_a_hash_that_the_migration_computes_the_same_way() {
        UUID link = as(w.admin(), () -> identity.resetPassword(w.studentA().id()));

        assertThat(jdbc.sql("select count(*) from invitation where token = ?").param(link).query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from invitation where token = ?").param(IdentityService.stored(link))
                .query(Integer.class).single()).isEqualTo(1);
        // V6 converted links issued before hashing with this expression; both must agree.
        UUID sql = jdbc.sql("select encode(substring(sha256(uuid_send(?)) from 1 for 16), 'hex')::uuid").param(link)
                .query(UUID.class).single();
        assertThat(sql).isEqualTo(IdentityService.stored(link));
        assertThat(identity.invitation(link)).isPresent();
    }
}
