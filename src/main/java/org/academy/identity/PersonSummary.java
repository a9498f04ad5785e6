package org.academy.identity;

import java.util.Set;

import org.academy.security.Role;

/** A person as other features see them: no password, no entity. */
public record PersonSummary(long id, Long organisationId, String email, String displayName, Set<Role> roles) {
}
