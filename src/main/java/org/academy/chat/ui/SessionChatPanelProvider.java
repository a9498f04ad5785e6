package org.academy.chat.ui;

import org.academy.base.push.TopicHub;
import org.academy.chat.ChatService;
import org.academy.livesession.SessionContext;
import org.academy.livesession.SessionPanelProvider;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The session's own chat room beside polls and Q&A. */
@Component
class SessionChatPanelProvider implements SessionPanelProvider {

    private final ChatService chat;
    private final TopicHub hub;

    SessionChatPanelProvider(ChatService chat, TopicHub hub) {
        this.chat = chat;
        this.hub = hub;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public com.vaadin.flow.component.Component create(SessionContext context, Seat seat) {
        VerticalLayout panel = new VerticalLayout(new H3("Session chat"),
                new ChatPanel(chat, hub, chat.sessionRoom(context.session().id())));
        panel.setPadding(false);
        panel.addClassName("panel");
        return panel;
    }
}
