package org.academy.testing;

import org.academy.identity.PersonSummary;
import org.academy.testing.Fixtures.World;

/** The kinds of caller every access test tries, each a person of a {@link World} (or nobody). */
public enum Caller {
    ANONYMOUS, STUDENT_A, STUDENT_B, INSTRUCTOR_A, INSTRUCTOR_B, ORG_ADMIN_A, ORG_ADMIN_B, ADMIN;

    /** The person this caller is in the world, or null for an anonymous caller. */
    public PersonSummary person(World w) {
        return switch (this) {
            case ANONYMOUS -> null;
            case STUDENT_A -> w.studentA();
            case STUDENT_B -> w.studentB();
            case INSTRUCTOR_A -> w.instructorA();
            case INSTRUCTOR_B -> w.instructorB();
            case ORG_ADMIN_A -> w.orgAdminA();
            case ORG_ADMIN_B -> w.orgAdminB();
            case ADMIN -> w.admin();
        };
    }
}
