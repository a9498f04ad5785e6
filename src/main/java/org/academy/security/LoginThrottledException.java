package org.academy.security;

import java.time.Duration;

import org.springframework.security.authentication.LockedException;

/**
 * A login refused before its password was looked at, because this account or this client address
 * failed too often lately. A {@link LockedException} so that Spring Security's provider manager
 * stops at once (no other provider or parent manager tries the attempt, and counts it, again).
 */
public class LoginThrottledException extends LockedException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("Too many attempts, try again in " + minutes(retryAfter));
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** "1 minute", "5 minutes": rounded up, so that trying again after it succeeds. */
    public static String minutes(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
