package org.academy.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Callable without a login, on purpose: the few steps people take before they have one (checking
 * and accepting an invitation or reset link, the login itself). The method must protect itself
 * (a secret token, a password).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@PreAuthorize("permitAll()")
public @interface AnyoneMayCall {
}
