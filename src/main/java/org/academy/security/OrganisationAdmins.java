package org.academy.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Platform administrators, and customers' org admins for their own organisation only: the method
 * compares the organisation it acts on with the caller's (one check per feature, named in the
 * method's documentation), and org admins act only on the students of their organisation.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@PreAuthorize("hasAnyRole('ADMIN', 'ORG_ADMIN')")
public @interface OrganisationAdmins {
}
