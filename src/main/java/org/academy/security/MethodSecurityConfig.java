package org.academy.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Every public service method declares who may call it ({@link AdminOnly}, {@link SignedIn} …),
 * enforced here before the method runs; {@code ArchitectureTest} fails the build when one does not.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class MethodSecurityConfig {
}
