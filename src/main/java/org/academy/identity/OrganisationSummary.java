package org.academy.identity;

public record OrganisationSummary(long id, String name, boolean active) {
}
