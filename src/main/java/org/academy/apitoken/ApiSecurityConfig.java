package org.academy.apitoken;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The integration API's own filter chain, ahead of the Vaadin chain: stateless (no session, no
 * cookie, so no CSRF to guard against), a bearer token per request, JSON answers for refusals.
 * Only reads exist: any other method is refused before a controller runs. Organisation tokens
 * reach only {@code /api/organisations/**}; the controllers compare the organisation too.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    static final String[] PUBLIC = {"/api/openapi", "/api/openapi/**", "/api/docs", "/api/docs/**", "/api/swagger-ui/**",
            "/api/swagger-ui.html"};

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, TokenAuthenticator authenticator) throws Exception {
        http.securityMatcher("/api/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new BearerTokenFilter(authenticator), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, PUBLIC).permitAll()
                        .requestMatchers(request -> !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()))
                        .denyAll()
                        .requestMatchers("/api/organisations/**").hasAuthority(ApiTokenAuthentication.SCOPE_READ)
                        .anyRequest().hasAuthority(ApiTokenAuthentication.PERSONAL))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> ApiErrors.write(response,
                                HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                                "A token is needed: Authorization: Bearer <token>."))
                        .accessDeniedHandler((request, response, e) -> ApiErrors.write(response,
                                HttpServletResponse.SC_FORBIDDEN, "forbidden",
                                "This token may not do this (tokens read only; organisation tokens read their reports only).")))
                .headers(headers -> headers.contentTypeOptions(o -> { }).cacheControl(c -> { }));
        return http.build();
    }
}
