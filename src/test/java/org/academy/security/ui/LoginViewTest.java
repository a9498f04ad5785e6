package org.academy.security.ui;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import org.academy.security.LoginThrottledException;
import org.academy.testing.BrowserlessUiTest;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.web.WebAttributes;

import static org.assertj.core.api.Assertions.assertThat;

class LoginViewTest extends BrowserlessUiTest {

    /** As Spring Security leaves it: the failure in the session, then a redirect to login?error. */
    private LoginForm afterFailure(Exception failure) {
        VaadinSession.getCurrent().getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, failure);
        UI.getCurrent().navigate("login", QueryParameters.simple(Map.of("error", "")));
        return find(LoginForm.class).single();
    }

    @Test
    void a_throttled_login_says_how_many_minutes_to_wait() {
        LoginForm form = afterFailure(new LoginThrottledException(Duration.ofMinutes(4).plusSeconds(10)));

        assertThat(form.isError()).isTrue();
        assertThat(form.getElement().getPropertyRaw("i18n").toString())
                .contains("Too many attempts, try again in 5 minutes.");
    }

    @Test
    void a_wrong_password_keeps_the_usual_message() {
        LoginForm form = afterFailure(new BadCredentialsException("Bad credentials"));

        assertThat(form.isError()).isTrue();
        assertThat(form.getElement().getPropertyRaw("i18n").toString()).doesNotContain("Too many attempts");
    }

    @Test
    void a_login_that_could_not_reach_the_database_says_the_service_is_briefly_unavailable_not_wrong_password() {
        LoginForm form = afterFailure(new InternalAuthenticationServiceException("Failed to obtain JDBC Connection",
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))));

        assertThat(form.isError()).isTrue();
        assertThat(form.getElement().getPropertyRaw("i18n").toString())
                .contains("The service is briefly unavailable. Please try again in a moment.");
    }
}
