package org.academy.security;

import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;


import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"; decision 0016):
 * a browser that logged in to an account with its password gets a long-lived cookie
 * "userId.nonce.signature", signed with HMAC-SHA256 under the key V19 made. It is no credential
 * (the password is still checked): it tells {@link LoginThrottle} that this browser has logged in
 * to this account before, so that its attempts do not depend on the account's allowance, which
 * anyone who knows the email can spend. Nothing is stored per cookie; the email is not in it.
 */
@Component
class LoginDevices {

    static final String COOKIE = "academy-device";
    private static final Logger log = LoggerFactory.getLogger(LoginDevices.class);
    private static final int MAX_LENGTH = 200;

    /** A browser that logged in to the account {@code userId}; the nonce tells browsers apart. */
    record Device(long userId, String nonce) implements Serializable {
    }

    /** The usual details of a web login, plus the browser's verified device cookie (or none). */
    static final class LoginAttemptDetails extends WebAuthenticationDetails {
        private final Device device;

        LoginAttemptDetails(HttpServletRequest request, Device device) {
            super(request);
            this.device = device;
        }

        LoginAttemptDetails(String remoteAddress, Device device) {
            super(remoteAddress, null);
            this.device = device;
        }

        Device device() {
            return device;
        }
    }

    private final JdbcClient jdbc;
    private final Duration validity;
    private final boolean alwaysSecure;
    private final SecureRandom random = new SecureRandom();
    // A label of its own: a device signature means nothing anywhere else.
    private final SignedTokens tokens;

    LoginDevices(JdbcClient jdbc,
                 @Value("${academy.login.device-cookie.validity:365d}") Duration validity,
                 @Value("${academy.security.secure-cookie:false}") boolean alwaysSecure) {
        this.jdbc = jdbc;
        this.tokens = new SignedTokens(jdbc, "login_device_secret", "login-device:");
        this.validity = validity;
        this.alwaysSecure = alwaysSecure;
    }

    /** A new cookie value for a browser that just logged in to {@code userId}. */
    String issue(long userId) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return tokens.token(Long.toString(userId), Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
    }

    /** The device a cookie value names, if it is well formed and its signature is ours. */
    Optional<Device> verify(String value) {
        return tokens.verify(value, MAX_LENGTH).flatMap(parts -> {
            try {
                return Optional.of(new Device(Long.parseLong(parts[0]), parts[1]));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The nonce to throttle the attempt by, if the browser's cookie names the account being logged
     * in to; null otherwise, and then the attempt counts as any stranger's. The name is looked up
     * only when a valid cookie came, so strangers without one cost no query.
     */
    String trustedFor(Device device, String username) {
        if (device == null || username == null) {
            return null;
        }
        try {
            Optional<Long> account = jdbc.sql("select id from app_user where lower(email) = ?")
                    .param(username.strip().toLowerCase(Locale.ROOT)).query(Long.class).optional();
            return account.filter(id -> id == device.userId()).map(id -> device.nonce()).orElse(null);
        } catch (RuntimeException databaseAway) {
            // The password cannot be checked either; the attempt is refunded as not a guess.
            return null;
        }
    }

    /** Reads the login request: its address and session as usual, and its device cookie if valid. */
    WebAuthenticationDetails details(HttpServletRequest request) {
        return new LoginAttemptDetails(request, read(request));
    }

    private Device read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        try {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    Optional<Device> device = verify(cookie.getValue());
                    if (device.isPresent()) {
                        return device.get();
                    }
                }
            }
        } catch (RuntimeException keyUnavailable) {
            // No key without the database; the login itself will say the database is away.
            log.debug("Device cookie not checked: {}", keyUnavailable.toString());
        }
        return null;
    }

    /** After a login with a password: the browser gets a fresh device cookie for the account. */
    void loggedIn(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        if (authentication instanceof UsernamePasswordAuthenticationToken
                && authentication.getPrincipal() instanceof AcademyUser user) {
            String path = request.getContextPath() == null || request.getContextPath().isEmpty() ? "/" : request.getContextPath();
            ResponseCookie cookie = ResponseCookie.from(COOKIE, issue(user.id()))
                    .httpOnly(true)
                    .secure(alwaysSecure || request.isSecure())
                    .sameSite("Lax")
                    .path(path)
                    .maxAge(validity)
                    .build();
            response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        }
    }
}
