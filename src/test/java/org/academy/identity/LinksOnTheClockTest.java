package org.academy.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.academy.base.InvalidRequestException;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.academy.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Links and what IdentityService records about them follow the application's Clock, not the
 * database's now(). The clock is set three days back, where the database's now() would call every
 * link of that day long expired, so a check against now() fails both ways.
 */
@IntegrationTest
class LinksOnTheClockTest {

    static final Duration RESET_LINK_VALIDITY = Duration.ofHours(24);

    @Autowired
    TestClock clock;
    @Autowired
    IdentityService identity;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    World w;
    Instant made;

    @BeforeEach
    void world() {
        w = fixtures.world();
        made = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterEach
    void systemClockAgain() {
        clock.release();
    }

    private Instant at(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Timestamp.class).single().toInstant();
    }

    @Test
    void a_link_is_valid_one_second_before_its_clock_expiry_and_expired_one_second_after() {
        clock.pin(made);
        UUID link = as(w.admin(), () -> identity.resetPassword(w.studentA().id()));

        clock.pin(made.plus(RESET_LINK_VALIDITY).minusSeconds(1));
        assertThat(identity.invitation(link)).isPresent();

        clock.pin(made.plus(RESET_LINK_VALIDITY).plusSeconds(1));
        assertThat(identity.invitation(link)).isEmpty();
        assertThatThrownBy(() -> identity.acceptInvitation(link, "a long new password", "a long new password"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("expired");
    }

    @Test
    void a_link_used_in_its_last_second_works_and_its_use_and_the_audit_carry_the_clocks_time() {
        clock.pin(made);
        UUID link = as(w.admin(), () -> identity.resetPassword(w.studentA().id()));
        Instant lastSecond = made.plus(RESET_LINK_VALIDITY).minusSeconds(1);
        clock.pin(lastSecond);

        identity.acceptInvitation(link, "a long new password", "a long new password");

        assertThat(at("select used_at from invitation where token = ?", IdentityService.stored(link))).isEqualTo(lastSecond);
        assertThat(at("select at from admin_audit where subject_user_id = ? and action = 'PASSWORD_RESET'", w.studentA().id()))
                .isEqualTo(made);
        assertThatThrownBy(() -> identity.acceptInvitation(link, "another password!", "another password!"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("expired or was already used");
    }

    @Test
    void a_renewed_invitation_withdraws_the_old_link_at_the_clocks_time_and_people_are_created_on_it() {
        clock.pin(made);
        String email = "clocked-" + UUID.randomUUID() + "@example.test";
        IdentityService.Invitee invitee = as(w.orgAdminA(), () -> identity.findOrInvite(w.orgA().id(), email, "Clocked"));
        OrganisationSummary org = as(w.admin(), () -> identity.createOrganisation("Clocked " + UUID.randomUUID()));
        Instant renewed = made.plus(Duration.ofHours(1));
        clock.pin(renewed);

        as(w.orgAdminA(), () -> identity.inviteAgain(invitee.person().id()));

        assertThat(at("select created_at from app_user where id = ?", invitee.person().id())).isEqualTo(made);
        assertThat(at("select created_at from organisation where id = ?", org.id())).isEqualTo(made);
        assertThat(at("select used_at from invitation where token = ?", IdentityService.stored(invitee.invitation())))
                .isEqualTo(renewed);
        assertThat(identity.invitation(invitee.invitation())).isEmpty();
    }
}
