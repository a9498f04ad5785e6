package org.academy.apitoken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Token text: "acad_" and 43 URL-safe characters (256 random bits). A fast hash is enough here,
 * unlike for passwords: the secret is random and long, so there is nothing to guess from a hash.
 */
final class TokenSecrets {

    static final String PREFIX = "acad_";
    private static final Pattern SHAPE = Pattern.compile("acad_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A garbled token is refused before the database is asked. */
    static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the list shows, to tell tokens apart: the prefix and four characters (24 bits, nothing to guess with). */
    static String prefix(String token) {
        return token.substring(0, PREFIX.length() + 4);
    }
}
