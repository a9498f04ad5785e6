package org.academy.security;

/**
 * What a person may do on the platform. Membership (which cohort, which organisation) is
 * checked separately by the services; a role alone never grants access to a cohort's data.
 */
public enum Role {
    STUDENT,
    INSTRUCTOR,
    /** Platform administrator: everything, every organisation. */
    ADMIN,
    /** A customer's own administrator: only their organisation. */
    ORG_ADMIN;

    /** Role names as used in {@code @RolesAllowed}; kept as constants because annotations need them. */
    public static final class Names {
        public static final String STUDENT = "STUDENT";
        public static final String INSTRUCTOR = "INSTRUCTOR";
        public static final String ADMIN = "ADMIN";
        public static final String ORG_ADMIN = "ORG_ADMIN";

        private Names() {
        }
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
