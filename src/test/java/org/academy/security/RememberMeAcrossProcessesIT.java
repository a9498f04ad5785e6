package org.academy.security;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.academy.testing.AppProcess;
import org.academy.testing.FormLogin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application in real JVMs: a person logged in on a node that is killed (SIGKILL) is
 * logged back in, without a password, by the restarted node and by another node of the same
 * database — what a restart and a failover behind the load balancer need.
 */
class RememberMeAcrossProcessesIT {

    @Test
    void a_person_comes_back_logged_in_after_kill_9_and_restart_and_on_another_node() throws Exception {
        try (AppProcess first = AppProcess.create("remember-first", Map.of("spring.profiles.active", "demo")).start()) {
            FormLogin browser = new FormLogin();
            assertThat(browser.logIn(first.uri("/"), "instructor@academy.demo", "academy")).isTrue();
            assertThat(browser.opens(first.uri("/"), "/cohorts")).isTrue();

            long killedAt = System.nanoTime();
            first.kill9();
            first.start();
            long upAfter = (System.nanoTime() - killedAt) / 1_000_000;
            // The browser still sends the session cookie of the killed process; the new one does not know it.
            assertThat(browser.opens(first.uri("/"), "/cohorts")).isTrue();
            System.out.printf("REMEMBER-ME: restarted after kill -9 in %d ms; logged back in without a password%n", upAfter);

            try (AppProcess second = AppProcess.sibling(first, "remember-second", Map.of()).start()) {
                first.kill9();
                assertThat(browser.opens(second.uri("/"), "/cohorts")).isTrue();
                try (var db = first.connect(); Statement s = db.createStatement();
                     ResultSet rows = s.executeQuery("select count(*) from persistent_logins")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                }
            }
        }
    }
}
