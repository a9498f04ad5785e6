package org.academy.identity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.academy.base.InvalidRequestException;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class PasswordsAndEmailLookupTest {

    @Autowired
    IdentityService identity;
    @Autowired
    AppUserRepository users;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AuthenticationConfiguration authConfig;

    @Test
    void a_password_over_72_bytes_is_refused_with_a_clear_message_and_the_link_still_works() throws Exception {
        World w = fixtures.world(1, 1);
        UUID link = as(w.admin(), () -> identity.resetPassword(w.studentA().id()));
        // 100 characters of two bytes each: within the old "10 to 200 characters", 200 bytes for bcrypt.
        String accented = "é".repeat(100);
        assertThat(accented.getBytes(StandardCharsets.UTF_8)).hasSize(200);

        assertThatThrownBy(() -> identity.acceptInvitation(link, accented, accented))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("too long: at most 72 bytes");
        assertThat(identity.invitation(link)).isPresent();

        // 72 bytes exactly (36 two-byte letters) is fine, and logs in.
        String longest = "ü".repeat(36);
        identity.acceptInvitation(link, longest, longest);
        authConfig.getAuthenticationManager().authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(w.studentA().email(), longest));
    }

    @Test
    void an_administrator_setting_an_overlong_password_is_told_so_too() {
        World w = fixtures.world(1, 1);
        String emoji = "🙂".repeat(25); // 50 characters, 100 bytes
        assertThatThrownBy(() -> as(w.admin(), () -> identity.createUser(w.orgA().id(), "long-" + UUID.randomUUID()
                + "@example.test", "Long Password", emoji, java.util.Set.of(org.academy.security.Role.STUDENT))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most 72 bytes");
    }

    @Test
    void the_login_lookup_by_email_uses_the_lower_email_index() {
        World w = fixtures.world(1, 1);
        assertThat(users.findByEmail(w.studentA().email().toUpperCase())).map(AppUser::getId).contains(w.studentA().id());
        assertThat(users.existsByEmail(w.studentA().email().toUpperCase())).isTrue();

        // With sequential scans priced out, a condition the index can answer is planned as an index scan.
        assertThat(plan("select * from app_user where " + AppUserRepository.BY_EMAIL)).contains("app_user_email_uq");
        // What Spring Data's IgnoreCase queries: no index holds upper(email), so it scans the table.
        assertThat(plan("select * from app_user where upper(email) = upper(:email)")).doesNotContain("app_user_email_uq");
    }

    private String plan(String sql) {
        return transactions.execute(tx -> {
            jdbc.sql("set local enable_seqscan = off").update();
            List<String> lines = jdbc.sql("explain " + sql).param("email", "someone@example.test")
                    .query(String.class).list();
            return String.join("\n", lines);
        });
    }
}
