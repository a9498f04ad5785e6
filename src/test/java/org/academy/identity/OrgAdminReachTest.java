package org.academy.identity;

import java.util.Set;
import java.util.UUID;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.Paging;
import org.academy.security.Role;
import org.academy.seats.SeatPoolSummary;
import org.academy.seats.SeatService;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An org admin acts only on the learners of their own organisation: never on a person whose
 * password was reset (account takeover through a renewed invitation), never on instructors,
 * administrators or fellow org admins, never on accounts of other organisations or of none.
 */
@IntegrationTest
class OrgAdminReachTest {

    @Autowired
    IdentityService identity;
    @Autowired
    SeatService seats;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    World w;

    @BeforeEach
    void setUp() {
        w = fixtures.world(1, 1);
    }

    private static String email(String name) {
        return name + "-" + UUID.randomUUID() + "@example.test";
    }

    @Test
    void after_a_password_reset_no_one_can_renew_an_invitation_only_the_reset_link_sets_the_password() {
        UUID reset = as(w.admin(), () -> identity.resetPassword(w.studentA().id()));

        assertThatThrownBy(() -> as(w.orgAdminA(), () -> identity.inviteAgain(w.studentA().id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("already chosen a password");
        assertThatThrownBy(() -> as(w.admin(), () -> identity.inviteAgain(w.studentA().id())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("already chosen a password");
        assertThat(jdbc.sql("select count(*) from invitation where user_id = ? and purpose = 'INVITE'")
                .param(w.studentA().id()).query(Integer.class).single()).isZero();
        assertThat(identity.invitation(reset)).isPresent();
    }

    @Test
    void an_org_admin_cannot_renew_the_invitation_of_an_instructor_or_org_admin_of_their_organisation() {
        IdentityService.Invitee instructor = as(w.admin(), () -> identity.createInvited(w.orgA().id(),
                email("instructor"), "Invited Instructor", Set.of(Role.INSTRUCTOR)));
        IdentityService.Invitee colleague = as(w.admin(), () -> identity.createInvited(w.orgA().id(),
                email("colleague"), "Invited Colleague", Set.of(Role.STUDENT, Role.ORG_ADMIN)));

        for (IdentityService.Invitee invitee : new IdentityService.Invitee[]{instructor, colleague}) {
            long id = invitee.person().id();
            assertThatThrownBy(() -> as(w.orgAdminA(), () -> identity.inviteAgain(id)))
                    .isInstanceOf(NotFoundException.class);
            assertThat(as(w.orgAdminA(), () -> identity.findPerson(id))).isEmpty();
            assertThat(as(w.orgAdminA(), () -> identity.personRow(id))).isEmpty();
            // The administrator still can.
            assertThat(as(w.admin(), () -> identity.inviteAgain(id))).isNotNull();
        }
        assertThat(as(w.orgAdminA(), () -> identity.people(PeopleFilter.all(), Paging.first(50))))
                .extracting(PersonRow::id).contains(w.studentA().id())
                .doesNotContain(instructor.person().id(), colleague.person().id(), w.orgAdminA().id());
        assertThat(as(w.orgAdminA(), () -> identity.countPeople(PeopleFilter.all()))).isEqualTo(1);
    }

    @Test
    void a_learner_made_instructor_loses_the_invitation_links_an_org_admin_was_shown() {
        IdentityService.Invitee learner = as(w.orgAdminA(), () -> identity.findOrInvite(w.orgA().id(),
                email("promoted"), "Promoted Learner"));

        as(w.admin(), () -> identity.setRoles(learner.person().id(), Set.of(Role.STUDENT, Role.INSTRUCTOR)));

        assertThat(identity.invitation(learner.invitation())).isEmpty();
        assertThatThrownBy(() -> identity.acceptInvitation(learner.invitation(), "the org admin's pick", "the org admin's pick"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("expired or was already used");
    }

    @Test
    void an_org_admin_is_refused_platform_accounts_other_organisations_people_and_colleagues_alike() {
        PersonSummary colleague = as(w.admin(), () -> identity.createUser(w.orgA().id(), email("org-admin-2"),
                "Second Org Admin", null, Set.of(Role.ORG_ADMIN)));
        String[] refused = {w.admin().email(), w.instructorA().email(), w.studentB().email(), colleague.email()};

        for (String email : refused) {
            Throwable thrown = catchThrowable(() -> as(w.orgAdminA(), () -> identity.findOrInvite(w.orgA().id(),
                    email.toUpperCase(), "Someone")));
            assertThat(thrown).isInstanceOf(InvalidRequestException.class);
            // One sentence for every reason: it says nothing of where else the address is known.
            assertThat(thrown.getMessage().replace(email, "<email>"))
                    .isEqualTo("<email> cannot be given a seat here. If this is one of your people, ask a platform administrator.");
        }
        assertThat(as(w.orgAdminA(), () -> identity.findOrInvite(w.orgA().id(), w.studentA().email(), null))
                .person().id()).isEqualTo(w.studentA().id());
        // A platform administrator cannot put a platform account into an organisation's pool either.
        assertThatThrownBy(() -> as(w.admin(), () -> identity.findOrInvite(w.orgA().id(), w.instructorA().email(), null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("no organisation");
    }

    @Test
    void assigning_a_seat_to_the_platform_admin_is_refused_and_the_pool_stays_usable() {
        SeatPoolSummary pool = as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), w.cohortA().id(), 2,
                java.time.LocalDate.now().minusDays(1), java.time.LocalDate.now().plusDays(30)));

        assertThatThrownBy(() -> as(w.orgAdminA(), () -> seats.assign(pool.id(), w.admin().email(), null)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> seats.assign(pool.id(), w.instructorA().email(), null)))
                .isInstanceOf(InvalidRequestException.class);

        var assigned = as(w.orgAdminA(), () -> seats.assign(pool.id(), email("learner"), "New Learner"));
        as(w.orgAdminA(), () -> seats.revoke(assigned.holder().assignmentId()));
    }
}
