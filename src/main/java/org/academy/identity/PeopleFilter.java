package org.academy.identity;

import org.academy.security.Role;

/**
 * Which people a grid shows: a text matched against name and email, and optionally one
 * organisation, one role, active or deactivated only. Nulls mean "any".
 */
public record PeopleFilter(String text, Long organisationId, Role role, Boolean active) {

    public static PeopleFilter all() {
        return new PeopleFilter(null, null, null, null);
    }

    public PeopleFilter withText(String newText) {
        return new PeopleFilter(newText, organisationId, role, active);
    }
}
