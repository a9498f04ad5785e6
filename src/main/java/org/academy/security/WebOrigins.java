package org.academy.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which origins may talk to the application with the user's cookie. By default only its own: the
 * scheme, host and port the request was addressed to (behind a proxy, set
 * {@code server.forward-headers-strategy} or list the public origins in
 * {@code academy.security.allowed-origins}).
 */
@Component
class WebOrigins {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]");

    private final List<String> configured;

    WebOrigins(@Value("${academy.security.allowed-origins:}") List<String> configured) {
        this.configured = configured.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(o -> normalise(o).orElseThrow(() -> new IllegalArgumentException(
                        "academy.security.allowed-origins: not an origin (scheme://host[:port]): " + o)))
                .toList();
    }

    /** Whether a browser's Origin header names a page allowed to act for this application's users. */
    boolean allows(String origin, HttpServletRequest request) {
        Optional<String> normalised = normalise(origin);
        if (normalised.isEmpty()) {
            return false;
        }
        return configured.isEmpty() ? own(request).map(normalised.get()::equals).orElse(false)
                : configured.contains(normalised.get());
    }

    /** The request's own origin ({@code https://host[:port]}), if its host is a plain host name or address. */
    static Optional<String> own(HttpServletRequest request) {
        String host = request.getServerName();
        if (host == null || !HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        return Optional.of(origin(request.getScheme(), host, request.getServerPort()));
    }

    /** The same origin over WebSocket ({@code wss://host[:port]}), for the push connection. */
    static Optional<String> ownWebSocket(HttpServletRequest request) {
        return own(request).map(o -> o.replaceFirst("^http", "ws"));
    }

    static Optional<String> normalise(String origin) {
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()
                    || uri.getRawPath().equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            return Optional.of(origin(scheme, uri.getHost(), uri.getPort()));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
