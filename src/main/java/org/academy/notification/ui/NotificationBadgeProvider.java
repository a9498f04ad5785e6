package org.academy.notification.ui;

import java.util.List;
import java.util.Optional;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.LiveUpdates;
import org.academy.base.ui.NavigationBadgeProvider;
import org.academy.notification.NotificationCreated;
import org.academy.notification.NotificationService;
import org.academy.notification.NotificationTopics;
import org.academy.security.CurrentUser;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;

/** Unread notifications beside "Notifications", and a toast when a new one arrives. */
@Component
class NotificationBadgeProvider implements NavigationBadgeProvider {

    private final NotificationService notifications;
    private final TopicHub hub;

    NotificationBadgeProvider(NotificationService notifications, TopicHub hub) {
        this.notifications = notifications;
        this.hub = hub;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> badgeFor(String path) {
        if (!path.equals("notifications") || CurrentUser.find().isEmpty()) {
            return Optional.empty();
        }
        Span badge = new Span();
        badge.setId("notifications-unread");
        badge.getElement().getThemeList().add("badge error");
        show(badge);
        LiveUpdates.bind(badge, hub, NotificationTopics.user(CurrentUser.require().id()), events -> changed(badge, events));
        return Optional.of(badge);
    }

    private void changed(Span badge, List<NotificationCreated> events) {
        show(badge);
        // A toast only for what cannot wait (a session starting now); the rest shows in the badge.
        events.stream().filter(e -> e.notificationId() > 0 && e.urgent()).reduce((a, b) -> b)
                .ifPresent(last -> {
                    Notification toast = Notification.show(last.text(), 8000, Notification.Position.TOP_END);
                    toast.setId("urgent-notification");
                });
    }

    private void show(Span badge) {
        int unread = notifications.unreadCount();
        badge.setText(Integer.toString(unread));
        badge.setVisible(unread > 0);
    }
}
