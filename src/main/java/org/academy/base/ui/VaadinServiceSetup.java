package org.academy.base.ui;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.security.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.shared.ui.Transport;

/**
 * Session-wide behaviour that no single view should own: which push transport to use, and what
 * people see when a click or a push callback fails.
 */
@Component
class VaadinServiceSetup implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(VaadinServiceSetup.class);

    private final Transport transport;

    VaadinServiceSetup(@Value("${academy.push.transport:websocket}") String transport) {
        this.transport = switch (transport.trim().toLowerCase()) {
            case "websocket", "websocket-xhr" -> Transport.WEBSOCKET_XHR;
            case "long-polling", "long_polling", "longpolling" -> Transport.LONG_POLLING;
            default -> throw new IllegalArgumentException(
                    "academy.push.transport must be websocket or long-polling, not " + transport);
        };
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        // WebSocket falls back to long polling by itself when the upgrade fails; forcing long
        // polling is for networks that break WebSockets without refusing them.
        event.getSource().addUIInitListener(init -> {
            init.getUI().getPushConfiguration().setTransport(transport);
            init.getUI().getPushConfiguration().setFallbackTransport(Transport.LONG_POLLING);
        });
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this::handle));
    }

    private void handle(ErrorEvent event) {
        String message = messageFor(event.getThrowable());
        UI ui = UI.getCurrent();
        if (ui != null) {
            Notification notification = new Notification(message, 5000, Notification.Position.TOP_CENTER);
            notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
            notification.open();
        }
    }

    /** What the person is told when a click or a push callback failed; logs it as it deserves. */
    static String messageFor(Throwable thrown) {
        Throwable cause = rootDomainCause(thrown);
        if (cause instanceof InvalidRequestException || cause instanceof NotFoundException) {
            return cause.getMessage();
        } else if (cause instanceof AccessDeniedException) {
            return "You do not have access to this.";
        } else if (DatabaseOutage.isCause(thrown)) {
            // Every click fails alike while the database is away: one line each, the outage is not a defect.
            log.warn("Database unreachable while handling a click: {}", describe(deepest(thrown)));
            return DatabaseOutage.MESSAGE;
        } else if (isRefusedClientInput(thrown)) {
            // Vaadin refused what the browser sent before any of our code ran: a crafted or stale
            // request, not a defect of ours. One line, no stack: anyone logged in can send these.
            log.warn("Refused a request the browser sent: {}", describe(thrown));
            return "Something went wrong. Please try again.";
        } else {
            log.error("Unexpected error in a view", thrown);
            return "Something went wrong. Please try again.";
        }
    }

    static Throwable deepest(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /**
     * No frame of the application between where it was thrown and where Vaadin took the request:
     * the framework refused what was sent by itself. (Further out are the servlet filters, ours too.)
     */
    static boolean isRefusedClientInput(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (StackTraceElement frame : c.getStackTrace()) {
                String type = frame.getClassName();
                if (type.equals("com.vaadin.flow.server.VaadinService") || type.equals("com.vaadin.flow.server.VaadinServlet")) {
                    break;
                }
                if (type.startsWith("org.academy.")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The exception's type, its message cut short and on one line (it may quote what was sent), and where it arose. */
    static String describe(Throwable t) {
        String message = String.valueOf(t.getMessage()).replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", " ");
        if (message.length() > 160) {
            message = message.substring(0, 160) + "…";
        }
        StackTraceElement[] stack = t.getStackTrace();
        String where = stack.length == 0 ? "" : " at " + stack[0].getClassName() + "." + stack[0].getMethodName();
        return t.getClass().getName() + ": " + message + where;
    }

    private static Throwable rootDomainCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidRequestException || c instanceof NotFoundException
                    || c instanceof AccessDeniedException) {
                return c;
            }
        }
        return t;
    }
}
