package org.academy.base.cluster;

import java.io.IOException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Tells the load balancer which node holds this browser's screens: a cookie
 * {@code ACADEMY_NODE=<node id>} on every response whose request did not already carry it
 * (deploy/nginx.conf maps it to the node's upstream). A browser that lands on another node because
 * its node died gets that node's id, and stays there.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnProperty(name = "academy.cluster.transport", havingValue = "redis")
class NodeAffinity extends OncePerRequestFilter {

    static final String COOKIE = "ACADEMY_NODE";

    private final String node;

    NodeAffinity(NodeIdentity node) {
        this.node = node.id();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!node.equals(current(request))) {
            Cookie cookie = new Cookie(COOKIE, node);
            cookie.setPath("/");
            cookie.setHttpOnly(true);
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
        chain.doFilter(request, response);
    }

    private static String current(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }
}
