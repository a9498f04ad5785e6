package org.academy.apitoken;

import java.time.Instant;

/**
 * A token as its owner sees it in the list: never the token itself, only its first characters.
 *
 * @param organisationId set for an organisation token (reads that organisation's reports only)
 * @param lastUsedAt     null until a program first uses it; updated at most once a minute
 */
public record ApiTokenSummary(long id, String name, String scope, Long organisationId, String prefix,
                              Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean organisationToken() {
        return organisationId != null;
    }
}
