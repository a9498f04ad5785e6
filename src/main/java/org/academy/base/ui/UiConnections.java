package org.academy.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;

/**
 * "Is this browser still there?" answered from the UI's push connection, its requests and Vaadin's
 * heartbeat (see {@link ConnectionWatch}), instead of a poll from every open page (decision 15).
 */
public final class UiConnections {

    private UiConnections() {
    }

    /**
     * Runs {@code stillHere} about once a second while the UI's browser is connected; it stops
     * within a couple of seconds once the browser vanishes. A UI the watch does not know (no
     * browser page, as in browserless tests) falls back to the browser's poll every
     * {@code fallbackPollMillis}.
     */
    public static Registration whileConnected(UI ui, int fallbackPollMillis, Runnable stillHere) {
        Registration watched = ConnectionWatch.whileHeard(ui, stillHere);
        return watched != null ? watched : UiPolling.request(ui, fallbackPollMillis, stillHere);
    }
}
