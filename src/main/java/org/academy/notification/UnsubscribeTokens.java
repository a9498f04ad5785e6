package org.academy.notification;

import java.util.Optional;


import org.academy.security.SignedTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Unsubscribe links: "userId.TYPE.signature", signed with HMAC-SHA256 under the key the migration
 * made. Nothing is stored per link; a link cannot be altered to another person or type.
 */
@Component
class UnsubscribeTokens {

    record Target(long userId, NotificationType type) {
    }

    private final SignedTokens tokens;

    UnsubscribeTokens(JdbcClient jdbc) {
        // No label: links mailed before signatures got one stay valid.
        this.tokens = new SignedTokens(jdbc, "notification_secret", "");
    }

    String token(long userId, NotificationType type) {
        return tokens.token(Long.toString(userId), type.name());
    }

    Optional<Target> verify(String token) {
        return tokens.verify(token, 200).flatMap(parts -> {
            try {
                return Optional.of(new Target(Long.parseLong(parts[0]), NotificationType.valueOf(parts[1])));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
