package org.academy.security;

import com.vaadin.flow.spring.security.RequestUtil;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;

/**
 * CSRF protection as Vaadin configures it, minus its exemption of the login page. Vaadin exempts
 * its own requests (UIDL and push carry Vaadin's per-UI token instead) and also the login URL,
 * which lets any site post a login form (login CSRF: the victim ends up in the attacker's
 * account). The login form does not need the exemption: Vaadin puts Spring's token into the page
 * ({@code <meta name="_csrf">}) and {@code vaadin-login-form} submits it as {@code _csrf}.
 */
final class LoginCsrf {

    private LoginCsrf() {
    }

    static Customizer<CsrfConfigurer<HttpSecurity>> loginFormIncluded(RequestUtil requestUtil) {
        return csrf -> csrf.ignoringRequestMatchers(requestUtil::isFrameworkInternalRequest);
    }
}
