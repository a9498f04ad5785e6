package org.academy.security;

import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.session.HttpSessionEventPublisher;

import com.vaadin.flow.spring.security.RequestUtil;
import org.academy.security.ui.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer.AuthorizedUrl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

@Configuration
@EnableWebSecurity
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, RequestUtil requestUtil,
                                            PersistentTokenBasedRememberMeServices rememberMe,
                                            LoginDevices devices) throws Exception {
        // Our own stylesheets and images are public, like Vaadin's static resources.
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/styles/**", "/images/**", "/favicon.ico").permitAll());
        // Unsubscribe links and calendar feeds (notification centre): the token in the path is the credential.
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/unsubscribe/**", "/calendar/**").permitAll());
        // Unknown URLs reach Vaadin's router and its not-found page (Vaadin's default denies them
        // with a bare 403); anonymous callers are sent to log in first. Views keep their own rules.
        http.with(vaadin(), vaadin -> vaadin.loginView(LoginView.class).enableCsrfConfiguration(false)
                .anyRequest(AuthorizedUrl::authenticated));
        http.csrf(LoginCsrf.loginFormIncluded(requestUtil));
        // Device cookies (decision 0016): the form login reads the browser's and, on success, issues a fresh one.
        http.formLogin(form -> form.authenticationDetailsSource(devices::details));
        // Sessions are registered so that deactivating a person, or changing their roles or
        // password, ends the sessions they have open (see AccountSessions), not only future logins.
        http.sessionManagement(sessions -> sessions.addSessionAuthenticationStrategy(devices::loggedIn)
                .maximumSessions(-1).sessionRegistry(sessionRegistry()).expiredUrl("/login"));
        http.headers(WebHardening::headers);
        // A restarted or failed-over server logs people back in from PostgreSQL (see RememberMe).
        http.rememberMe(remember -> remember.rememberMeServices(rememberMe).key(rememberMe.getKey()));
        return http.build();
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the registry when the servlet container drops a session, so it does not grow forever. */
    @Bean
    static HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    /**
     * The standard provider, except that the principal kept in the session carries no password
     * hash: sessions are serialised and may be inspected, hashes have no business there.
     */
    @Bean
    AuthenticationProvider authenticationProvider(UserDetailsService users, PasswordEncoder passwordEncoder,
                                                  LoginThrottle throttle, LoginDevices devices) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users) {
            @Override
            protected Authentication createSuccessAuthentication(Object principal, Authentication authentication,
                                                                 UserDetails user) {
                Object safe = principal instanceof AcademyUser academyUser ? academyUser.withoutPassword() : principal;
                return super.createSuccessAuthentication(safe, authentication, user);
            }
        };
        provider.setPasswordEncoder(passwordEncoder);
        return new ThrottlingAuthenticationProvider(provider, throttle, devices);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // Delegating: hashes carry their algorithm ({bcrypt}…), so a later upgrade needs no migration.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
