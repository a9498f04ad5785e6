package org.academy.chat.ui;

import org.academy.base.push.TopicHub;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Soak: opening and leaving the chat (with its presence widget and live subscriptions) hundreds of
 * times leaves no hub subscriptions and no presence entries behind.
 */
class ChatSoakTest extends BrowserlessUiTest {

    @Autowired
    TopicHub hub;
    @Autowired
    org.academy.presence.PresenceService presence;

    @Test
    void repeated_joins_and_leaves_return_listeners_and_presence_to_baseline() {
        World world = fixtures.world(2, 1);
        open(world.studentA(), "notifications");
        int subscriptions = hub.subscriptionCount();

        for (int i = 0; i < 400; i++) {
            UI.getCurrent().navigate("chat/" + world.cohortA().id());
            UI.getCurrent().navigate("notifications");
        }

        assertThat(hub.subscriptionCount()).isEqualTo(subscriptions);
        assertThat(presence.members(world.cohortA().id())).noneMatch(m -> m.online());
    }
}
