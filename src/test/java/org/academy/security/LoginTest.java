package org.academy.security;

import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class LoginTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    AuthenticationConfiguration authConfig;
    @Autowired
    JdbcClient jdbc;

    AuthenticationManager manager() throws Exception {
        return authConfig.getAuthenticationManager();
    }

    @Test
    void a_person_logs_in_with_any_capitalisation_of_their_email_and_the_session_keeps_no_password_hash() throws Exception {
        World w = fixtures.world(1, 1);
        Authentication auth = manager().authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                w.studentA().email().toUpperCase(), Fixtures.PASSWORD));

        assertThat(auth.getPrincipal()).isInstanceOfSatisfying(AcademyUser.class, user -> {
            assertThat(user.id()).isEqualTo(w.studentA().id());
            assertThat(user.getPassword()).isNull();
            assertThat(user.roles()).containsExactly(Role.STUDENT);
        });
        // Spring Security 7 adds a FACTOR_PASSWORD authority beside the roles.
        assertThat(auth.getAuthorities()).extracting(a -> a.getAuthority())
                .filteredOn(a -> a.startsWith("ROLE_")).containsExactly("ROLE_STUDENT");
    }

    @Test
    void a_wrong_password_or_unknown_email_is_refused_alike() {
        World w = fixtures.world(1, 1);
        assertThatThrownBy(() -> manager().authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                w.studentA().email(), "wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> manager().authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                "nobody@example.test", "wrong"))).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void a_successful_login_is_recorded() throws Exception {
        World w = fixtures.world(1, 1);
        manager().authenticate(UsernamePasswordAuthenticationToken.unauthenticated(w.instructorA().email(), Fixtures.PASSWORD));
        // Recorded by a listener of the authentication success event, in its own transaction.
        assertThat(jdbc.sql("select last_login_at is not null from app_user where id = ?").param(w.instructorA().id())
                .query(Boolean.class).single()).isTrue();
    }
}
