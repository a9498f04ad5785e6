package org.academy.identity;

import java.time.Instant;

/** A failed login to a person's account, as administrators see it. */
public record FailedLogin(Instant at, String address, String reason) {
}
