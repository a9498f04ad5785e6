package org.academy.chat.ui;

import java.util.Map;

import org.academy.chat.ChatRoom;
import org.academy.chat.ChatService;
import org.academy.security.Role;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** The caller's cohort chats with unread counts; with a single cohort, straight into its room. */
@Route("chat")
@PageTitle("Chat · Academy")
@Menu(order = 5, title = "Chat", icon = "vaadin:chat")
@RolesAllowed({Role.Names.STUDENT, Role.Names.INSTRUCTOR})
class ChatHomeView extends VerticalLayout implements BeforeEnterObserver {

    private final ChatService chat;

    ChatHomeView(ChatService chat) {
        this.chat = chat;
        addClassName("page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<ChatRoom, Integer> rooms = chat.myRooms();
        if (rooms.size() == 1) {
            event.forwardTo("chat/" + rooms.keySet().iterator().next().cohortId());
            return;
        }
        removeAll();
        add(new H2("Chat"));
        if (rooms.isEmpty()) {
            add(new Span("You are not in a cohort yet."));
        }
        rooms.forEach((room, unread) -> {
            HorizontalLayout row = new HorizontalLayout(new Anchor("chat/" + room.cohortId(), room.name()));
            if (unread > 0) {
                Span badge = new Span(Integer.toString(unread));
                badge.getElement().getThemeList().add("badge");
                row.add(badge);
            }
            add(row);
        });
    }
}
