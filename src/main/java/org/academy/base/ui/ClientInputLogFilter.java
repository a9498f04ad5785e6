package org.academy.base.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Two places where Vaadin itself logs at ERROR, one with a stack trace, when a browser sends a
 * request that no page of ours would send: a UIDL body that is not JSON, and a call of an event
 * handler method that does not exist. Anyone who can open the login page can send those, so they
 * would fill the log with alarms nobody can act on. They become one line at WARN (the body) or
 * DEBUG (the method: the session's error handler already logs the refusal at WARN). Installed in
 * {@code logback-spring.xml}, so it survives logging being reconfigured.
 */
public class ClientInputLogFilter extends TurboFilter {

    static final String UIDL_HANDLER = "com.vaadin.flow.server.communication.UidlRequestHandler";
    static final String EVENT_HANDLER_RPC = "com.vaadin.flow.server.communication.rpc.PublishedServerEventHandlerRpcHandler";

    private static final Logger log = LoggerFactory.getLogger(ClientInputLogFilter.class);

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
                              Object[] params, Throwable t) {
        if (level != Level.ERROR || logger == null || format == null) {
            return FilterReply.NEUTRAL;
        }
        // Vaadin's message says "writing", but this catch is where a request body that is not JSON ends.
        if (logger.getName().equals(UIDL_HANDLER) && format.equals("Error writing JSON to response")) {
            log.warn("Refused a request the browser sent: {}", t == null ? "not JSON" : VaadinServiceSetup.describe(rootCause(t)));
            return FilterReply.DENY;
        }
        if (logger.getName().equals(EVENT_HANDLER_RPC) && format.startsWith("Faulty method invocation")) {
            log.debug("Refused a request the browser sent: {}", format);
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
