package org.academy.base.ui;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;

/**
 * Shares the browser's poll timer between the components of one UI that need a regular call
 * back (presence pings, ageing counters): the interval is the shortest one requested and polling
 * stops when the last requester goes away. Push brings changes; polling only says "still here".
 */
public final class UiPolling {

    private static final class State {
        final List<Request> requests = new ArrayList<>();
        Registration listener;
    }

    private record Request(int intervalMs, Runnable onPoll) {
    }

    private UiPolling() {
    }

    public static Registration request(UI ui, int intervalMs, Runnable onPoll) {
        State state = ComponentUtil.getData(ui, State.class);
        if (state == null) {
            state = new State();
            ComponentUtil.setData(ui, State.class, state);
            State s = state;
            state.listener = ui.addPollListener(e -> List.copyOf(s.requests).forEach(r -> r.onPoll().run()));
        }
        Request request = new Request(intervalMs, onPoll);
        state.requests.add(request);
        apply(ui, state);
        State s = state;
        return () -> {
            s.requests.remove(request);
            apply(ui, s);
        };
    }

    private static void apply(UI ui, State state) {
        int interval = state.requests.stream().mapToInt(Request::intervalMs).min().orElse(-1);
        ui.setPollInterval(interval);
    }
}
