package org.academy.livesession.ui;

import java.util.List;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.Formats;
import org.academy.base.ui.LiveUpdates;
import org.academy.livesession.Announcement;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionEvent;
import org.academy.livesession.SessionTopics;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;

/** Announcements of the cohort, newest first; staff get a box to broadcast one. */
final class AnnouncementsPanel extends VerticalLayout {

    private final LiveSessionService sessions;
    private final long cohortId;
    private final Div list = new Div();

    AnnouncementsPanel(LiveSessionService sessions, TopicHub hub, long sessionId, long cohortId, boolean staff) {
        this.sessions = sessions;
        this.cohortId = cohortId;
        setPadding(false);
        addClassName("panel");
        add(new H3(getTranslation("session.announcements")));
        if (staff) {
            TextArea text = new TextArea();
            text.setId("announcement-text");
            text.setPlaceholder("Message to everyone in the cohort");
            text.setMaxLength(LiveSessionService.MAX_ANNOUNCEMENT);
            text.setWidthFull();
            Button send = new Button("Announce", e -> {
                sessions.announce(sessionId, text.getValue());
                text.clear();
            });
            send.setId("announce");
            send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(text, send);
        }
        list.setId("announcements");
        list.setWidthFull();
        add(list);
        refresh();
        LiveUpdates.bind(this, hub, SessionTopics.cohort(cohortId), this::changed);
    }

    private void changed(List<SessionEvent> events) {
        if (events.stream().anyMatch(e -> e.kind() == SessionEvent.Kind.ANNOUNCEMENT)) {
            refresh();
        }
    }

    private void refresh() {
        list.removeAll();
        List<Announcement> latest = sessions.announcements(cohortId, 20);
        if (latest.isEmpty()) {
            list.add(new Span(getTranslation("session.no-announcements")));
        }
        for (Announcement a : latest) {
            Div item = new Div();
            item.addClassName("announcement");
            Span meta = new Span(a.authorName() + " · " + Formats.clock(a.createdAt()).substring(0, 5));
            meta.addClassName("live-status");
            // Text, never HTML: whatever was typed is shown as typed.
            Div body = new Div();
            body.setText(a.text());
            item.add(meta, body);
            list.add(item);
        }
    }
}
