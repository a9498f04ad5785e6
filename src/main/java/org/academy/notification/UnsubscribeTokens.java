package org.academy.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

    private final JdbcClient jdbc;
    private volatile byte[] key;

    UnsubscribeTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String token(long userId, NotificationType type) {
        String payload = userId + "." + type.name();
        return payload + "." + sign(payload);
    }

    Optional<Target> verify(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1];
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Target(Long.parseLong(parts[0]), NotificationType.valueOf(parts[1])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = jdbc.sql("select hmac_key from notification_secret where id = 1").query(byte[].class).single();
            key = k;
        }
        return k;
    }
}
