package org.academy.identity;

import java.time.Instant;

/** An organisation as the admin grid shows it, with how many people it has. */
public record OrganisationRow(long id, String name, boolean active, int people, Instant createdAt) {
}
