package org.academy.apitoken;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/** The API's error body, {@code {"error": "...", "message": "..."}}: fixed sentences, never exception text. */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static void write(HttpServletResponse response, int status, String error, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"academy\"");
        }
        response.getWriter().write("{\"error\":\"" + error + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
        response.flushBuffer();
    }
}
