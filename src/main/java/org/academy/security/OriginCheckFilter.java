package org.academy.security;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses Vaadin's own traffic (the push connection, UIDL and every other {@code v-r} request)
 * when a browser says it comes from a page of another origin. Browsers send the cookie with a
 * WebSocket opened from any site, and Atmosphere would answer long polling with that site's
 * origin and credentials allowed; the Origin header is the one thing such a page cannot forge.
 * Requests without an Origin header (same-origin GETs of older browsers, tools) pass: they carry
 * no foreign page's intent.
 */
class OriginCheckFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(OriginCheckFilter.class);

    private final WebOrigins origins;

    OriginCheckFilter(WebOrigins origins) {
        this.origins = origins;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        if (origin != null && isVaadinTraffic(request) && !origins.allows(origin, request)) {
            log.warn("Refused a {} to {} from a foreign origin", request.getMethod(), request.getRequestURI());
            // A plain status, not sendError: the error page would be a redirect to the login here.
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Forbidden");
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    private static boolean isVaadinTraffic(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/VAADIN/push") || hasVaadinRequestType(request.getQueryString());
    }

    /** From the query string only: reading parameters would consume a form or upload body. */
    private static boolean hasVaadinRequestType(String query) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.equals("v-r") || pair.startsWith("v-r=")) {
                return true;
            }
        }
        return false;
    }
}
