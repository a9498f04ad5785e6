package org.academy.identity;

import java.time.Instant;
import java.util.Set;

import org.academy.security.Role;

/** A person as the people grid of the admin screens shows them. */
public record PersonRow(long id, String email, String displayName, Long organisationId, String organisationName,
                        Set<Role> roles, boolean active, boolean invited, Instant lastLoginAt) {
}
