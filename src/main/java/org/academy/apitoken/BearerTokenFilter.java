package org.academy.apitoken;

import java.io.IOException;
import java.util.Optional;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code Authorization: Bearer acad_…} → the token's authentication for this request only (no
 * session). A header that is there but wrong (another scheme, a garbled, unknown or revoked token)
 * is answered 401 at once; no header at all goes on as anonymous, and the chain's rules answer 401
 * where a token is needed.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final TokenAuthenticator authenticator;

    BearerTokenFilter(TokenAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiTokenAuthentication> authentication = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authenticator.authenticate(header.substring(7).strip())
                : Optional.empty();
        if (authentication.isEmpty()) {
            ApiErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                    "The token is missing, malformed, unknown or revoked.");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication.get());
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
