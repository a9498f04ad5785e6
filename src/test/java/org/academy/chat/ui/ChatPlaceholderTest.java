package org.academy.chat.ui;

import org.academy.livesession.SessionSummary;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.textfield.TextArea;

import static org.assertj.core.api.Assertions.assertThat;

/** The composer says where a message goes: the cohort's room, or the live session's own. */
class ChatPlaceholderTest extends BrowserlessUiTest {

    @Autowired
    Sessions sessions;

    @Test
    void the_session_chat_does_not_claim_to_message_the_cohort() {
        World world = fixtures.world();
        SessionSummary live = sessions.liveSessionOfA(world);

        open(world.studentA(), "chat/" + world.cohortA().id());
        assertThat(find(TextArea.class).withId("chat-input").single().getPlaceholder()).startsWith("Message the cohort");

        open(world.studentA(), "sessions/" + live.id());
        assertThat(find(TextArea.class).withId("chat-input").single().getPlaceholder())
                .startsWith("Message everyone in this session").doesNotContain("cohort");
    }
}
