package org.academy.notification.ui;

import java.time.Clock;
import java.time.Instant;

import org.academy.base.ui.Formats;
import org.academy.notification.NotificationService;
import org.academy.notification.NotificationView;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The caller's notifications (mentions today); opening the page marks them read. */
@Route("notifications")
@PageTitle("Notifications · Academy")
@Menu(order = 9, title = "Notifications", icon = "vaadin:bell")
@PermitAll
class NotificationsView extends VerticalLayout implements BeforeEnterObserver {

    private final NotificationService notifications;
    private final Div list = new Div();
    private final Clock clock;

    NotificationsView(NotificationService notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
        addClassName("page");
        list.setId("notifications");
        add(new H2("Notifications"), new Anchor("notifications/preferences", "Preferences: what reaches you, and how"), list);
    }

    /** On every navigation here, not only on attach: the route instance is reused within a tab. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        list.removeAll();
        Instant now = clock.instant();
        java.time.LocalDate shownDay = null;
        for (NotificationView n : notifications.mine(50)) {
            java.time.LocalDate day = n.createdAt().atZone(java.time.ZoneId.systemDefault()).toLocalDate();
            if (!day.equals(shownDay)) {
                shownDay = day;
                com.vaadin.flow.component.html.H4 heading = new com.vaadin.flow.component.html.H4(Formats.date(day));
                heading.addClassName("notification-day");
                list.add(heading);
            }
            Div row = new Div();
            row.addClassName("announcement");
            Span when = new Span(" · " + Formats.ago(n.createdAt(), now));
            when.addClassName("live-status");
            if (n.link() != null) {
                row.add(new Anchor(n.link(), n.text()), when);
            } else {
                row.add(new Span(n.text()), when);
            }
            if (!n.read()) {
                row.getStyle().set("font-weight", "600");
            }
            list.add(row);
        }
        if (list.getComponentCount() == 0) {
            list.add(new Span("Nothing yet. Mentions, announcements, session reminders, scores and feedback appear here."));
        }
        notifications.markAllRead();
    }
}
