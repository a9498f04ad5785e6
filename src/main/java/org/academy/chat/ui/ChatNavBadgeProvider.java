package org.academy.chat.ui;

import java.util.Optional;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.LiveUpdates;
import org.academy.base.ui.NavigationBadgeProvider;
import org.academy.chat.ChatService;
import org.academy.chat.ChatTopics;
import org.academy.security.CurrentUser;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.html.Span;

/** Unread messages across the caller's cohort chats, beside "Chat", kept live. */
@Component
class ChatNavBadgeProvider implements NavigationBadgeProvider {

    private final ChatService chat;
    private final TopicHub hub;

    ChatNavBadgeProvider(ChatService chat, TopicHub hub) {
        this.chat = chat;
        this.hub = hub;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> badgeFor(String path) {
        if (!path.equals("chat") || CurrentUser.find().isEmpty()) {
            return Optional.empty();
        }
        Span badge = new Span();
        badge.setId("chat-unread");
        badge.getElement().getThemeList().add("badge");
        show(badge);
        // One subscription per room of the caller: any change there may move the total.
        for (long roomId : chat.myRoomIds()) {
            LiveUpdates.bind(badge, hub, ChatTopics.room(roomId), events -> show(badge));
        }
        return Optional.of(badge);
    }

    private void show(Span badge) {
        int unread = chat.unreadTotal();
        badge.setText(Integer.toString(unread));
        badge.setVisible(unread > 0);
    }
}
