package org.academy.security;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Actuator endpoints (docs/deployment.md): health, liveness and readiness answer anyone with a
 * status and nothing more (load balancers probe them; details only for administrators); every other
 * endpoint, Prometheus' metrics included, answers a signed-in administrator or a caller on this
 * machine's loopback (a scraper next to the node). Through nginx, whose config denies /actuator
 * except health, with {@code server.forward-headers-strategy=native} the caller is the real client,
 * never the proxy's loopback.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain actuatorFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint());
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers(EndpointRequest.to("health")).permitAll()
                .anyRequest().access((authentication, context) -> {
                    String address = context.getRequest().getRemoteAddr();
                    boolean loopback = address != null && (address.startsWith("127.") || address.equals("0:0:0:0:0:0:0:1")
                            || address.equals("::1"));
                    boolean admin = authentication.get() != null && authentication.get().getAuthorities().stream()
                            .anyMatch(a -> a.getAuthority().equals(Role.ADMIN.authority()));
                    return new AuthorizationDecision(loopback || admin);
                }));
        http.csrf(csrf -> csrf.disable());
        return http.build();
    }
}
