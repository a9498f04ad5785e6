package org.academy.chat.ui;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

import org.academy.base.NotFoundException;
import org.academy.base.push.TopicHub;
import org.academy.base.ui.CohortWidgetProvider;
import org.academy.base.ui.RouteIds;
import org.academy.chat.ChatRoom;
import org.academy.chat.ChatService;
import org.academy.security.Role;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** A cohort's chat room, with who is online beside it. */
@Route("chat/:cohortId")
@RolesAllowed({Role.Names.STUDENT, Role.Names.INSTRUCTOR, Role.Names.ADMIN})
class ChatView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ChatService chat;
    private final TopicHub hub;
    private final List<CohortWidgetProvider> widgets;
    private String title = "Chat · Academy";

    ChatView(ChatService chat, TopicHub hub, List<CohortWidgetProvider> widgets) {
        this.chat = chat;
        this.hub = hub;
        this.widgets = widgets.stream().sorted(Comparator.comparingInt(CohortWidgetProvider::order)).toList();
        addClassName("page");
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        OptionalLong cohortId = RouteIds.get(event, "cohortId");
        if (cohortId.isEmpty()) {
            throw new NotFoundException("This chat does not exist.");
        }
        ChatRoom room = chat.cohortRoom(cohortId.getAsLong());
        title = "Chat · " + room.name() + " · Academy";
        removeAll();
        VerticalLayout side = new VerticalLayout();
        side.setPadding(false);
        side.getStyle().set("flex", "1 1 14em");
        widgets.forEach(w -> side.add(w.create(room.cohortId())));
        ChatPanel panel = new ChatPanel(chat, hub, room);
        panel.getStyle().set("flex", "3 1 30em");
        FlexLayout columns = new FlexLayout(panel, side);
        columns.setWidthFull();
        columns.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        columns.getStyle().set("gap", "var(--lumo-space-l)");
        add(new H2("Chat · " + room.name()), columns);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
