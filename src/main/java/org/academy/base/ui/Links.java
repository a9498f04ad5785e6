package org.academy.base.ui;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;

/** Absolute links to pages of this application, for people to pass on (there is no mail server). */
public final class Links {

    private Links() {
    }

    /** The path as an absolute URL of the server the current request reached. */
    public static String absolute(String path) {
        String relative = path.startsWith("/") ? path : "/" + path;
        if (VaadinRequest.getCurrent() instanceof VaadinServletRequest request) {
            var http = request.getHttpServletRequest();
            boolean defaultPort = ("http".equals(http.getScheme()) && http.getServerPort() == 80)
                    || ("https".equals(http.getScheme()) && http.getServerPort() == 443);
            return http.getScheme() + "://" + http.getServerName() + (defaultPort ? "" : ":" + http.getServerPort())
                    + http.getContextPath() + relative;
        }
        return relative;
    }
}
