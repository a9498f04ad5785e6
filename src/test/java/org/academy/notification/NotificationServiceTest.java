package org.academy.notification;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.academy.base.push.Subscription;
import org.academy.base.push.TopicHub;
import org.academy.testing.Eventually;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class NotificationServiceTest {

    @Autowired
    NotificationService notifications;
    @Autowired
    TopicHub hub;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
    @Autowired
    Fixtures fixtures;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void marking_all_read_is_pushed_only_once_it_has_committed() {
        World w = fixtures.world();
        long me = w.studentA().id();
        new TransactionTemplate(transactions).executeWithoutResult(
                tx -> events.publishEvent(new NotificationRequested(me, "MENTION", "hello", "chat/1")));
        List<NotificationCreated> received = new CopyOnWriteArrayList<>();
        try (Subscription sub = hub.subscribe(NotificationTopics.user(me), received::addAll)) {
            new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                as(w.studentA(), () -> notifications.markAllRead());
                tx.setRollbackOnly();
            });
            // Pushes reach a subscriber in order: once this marker arrives, an earlier push would have too.
            NotificationCreated marker = new NotificationCreated(me, -1, "marker", null);
            hub.publish(NotificationTopics.user(me), marker);
            Eventually.await("the marker", Duration.ofSeconds(5), () -> received.contains(marker));
            assertThat(received).containsExactly(marker);
            assertThat(as(w.studentA(), notifications::unreadCount)).isEqualTo(1);

            received.clear();
            as(w.studentA(), () -> notifications.markAllRead());
            Eventually.await("the push after commit", Duration.ofSeconds(5), () -> !received.isEmpty());
            assertThat(as(w.studentA(), notifications::unreadCount)).isZero();
        }
    }
}
