package org.academy.livesession.ui;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.LiveUpdates;
import org.academy.base.ui.UiPolling;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.ReactionKind;
import org.academy.livesession.SessionEvent;
import org.academy.livesession.SessionTopics;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;

/**
 * Reactions: learners send them, staff watch the counts of the last minute. Counts rise by push
 * and fall as reactions age out, which a slow client poll (every 5 s, only while this panel is
 * shown to staff) takes care of.
 */
final class ReactionsPanel extends VerticalLayout {

    private final LiveSessionService sessions;
    private final long sessionId;
    private final Map<ReactionKind, Span> counts = new EnumMap<>(ReactionKind.class);
    private final boolean staff;
    private Registration poll;

    ReactionsPanel(LiveSessionService sessions, TopicHub hub, long sessionId, boolean staff) {
        this.sessions = sessions;
        this.sessionId = sessionId;
        this.staff = staff;
        setPadding(false);
        addClassName("panel");
        add(new H3(staff ? "Reactions (last minute)" : getTranslation("session.react")));
        HorizontalLayout row = new HorizontalLayout();
        row.getStyle().set("flex-wrap", "wrap");
        for (ReactionKind kind : ReactionKind.values()) {
            if (staff) {
                Span value = new Span("0");
                value.setId("reaction-count-" + kind.name());
                counts.put(kind, value);
                Span item = new Span(kind.symbol() + " " + kind.label() + ": ");
                item.add(value);
                item.addClassName("reaction-count");
                row.add(item);
            } else {
                Button react = new Button(kind.symbol() + " " + kind.label(), e -> sessions.react(sessionId, kind));
                react.setId("react-" + kind.name());
                row.add(react);
            }
        }
        add(row);
        if (staff) {
            LiveUpdates.bind(this, hub, SessionTopics.session(sessionId), this::changed);
            refresh();
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (staff) {
            poll = UiPolling.request(event.getUI(), 5000, this::refresh);
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poll != null) {
            poll.remove();
            poll = null;
        }
    }

    private void changed(List<SessionEvent> events) {
        if (events.stream().anyMatch(e -> e.kind() == SessionEvent.Kind.REACTION)) {
            refresh();
        }
    }

    private void refresh() {
        sessions.recentReactions(sessionId).forEach((kind, n) -> counts.get(kind).setText(Integer.toString(n)));
    }
}
