package org.academy.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tokens of two parts and their signature, "first.second.signature", HMAC-SHA256 under a key a migration
 * made once in the database (row 1 of a table of its own per purpose, column {@code hmac_key}). Nothing is
 * stored per token; one cannot be altered into another. The one way the app signs what it hands out
 * (unsubscribe links, login device cookies), so the comparison is constant-time everywhere.
 */
public final class SignedTokens {

    private final JdbcClient jdbc;
    private final String keyQuery;
    private final byte[] label;
    private volatile byte[] key;

    /**
     * @param keyTable the key's table: a name from code, never from input
     * @param label    mixed into every signature, so that one purpose's signatures mean nothing to another
     *                 ("" keeps signatures made without one valid)
     */
    public SignedTokens(JdbcClient jdbc, String keyTable, String label) {
        if (!keyTable.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Not a table name: " + keyTable);
        }
        this.jdbc = jdbc;
        this.keyQuery = "select hmac_key from " + keyTable + " where id = 1";
        this.label = label.getBytes(StandardCharsets.UTF_8);
    }

    public String token(String first, String second) {
        String payload = first + "." + second;
        return payload + "." + sign(payload);
    }

    /** The two signed parts of {@code token}, if it is well formed, at most {@code maxLength} long and signed with our key. */
    public Optional<String[]> verify(String token, int maxLength) {
        if (token == null || token.length() > maxLength) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new String[] {parts[0], parts[1]});
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            mac.update(label);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = jdbc.sql(keyQuery).query(byte[].class).single();
            key = k;
        }
        return k;
    }
}
