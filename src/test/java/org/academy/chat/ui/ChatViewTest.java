package org.academy.chat.ui;

import org.academy.chat.ChatMessage;
import org.academy.chat.ChatRoom;
import org.academy.chat.ChatService;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;

import static org.assertj.core.api.Assertions.assertThat;

class ChatViewTest extends BrowserlessUiTest {

    @Autowired
    ChatService chat;

    World world;
    ChatRoom room;

    @BeforeEach
    void setUp() {
        world = fixtures.world();
        room = Actors.as(world.studentA(), () -> chat.cohortRoom(world.cohortA().id()));
    }

    private String textOf(long messageId) {
        return find(VerticalLayout.class).withId("message-" + messageId).single().getChildren()
                .filter(Div.class::isInstance).map(Div.class::cast).findFirst().orElseThrow().getText();
    }

    @Test
    void a_member_sends_a_message_and_html_stays_text() {
        open(world.studentA(), "chat/" + world.cohortA().id());
        test(find(TextArea.class).withId("chat-input").single()).setValue("<b>bold?</b> hello");
        test(find(Button.class).withId("chat-send").single()).click();
        ChatMessage sent = Actors.as(world.studentA(), () -> chat.latest(room.id(), 5)).messages().getLast();
        assertThat(textOf(sent.id())).isEqualTo("<b>bold?</b> hello");
    }

    @Test
    void messages_of_others_arrive_live_and_deletions_too() {
        open(world.studentA(), "chat/" + world.cohortA().id());
        ChatMessage m = Actors.as(world.studentsA().get(1), () -> chat.post(room.id(), "hi from a classmate"));
        Actors.login(world.studentA());
        awaitPush("the classmate's message", () -> find(VerticalLayout.class).withId("message-" + m.id()).exists());

        Actors.as(world.instructorA(), () -> chat.delete(m.id()));
        Actors.login(world.studentA());
        awaitPush("the deletion", () -> textOf(m.id()).equals("Message deleted"));
    }

    @Test
    void an_author_edits_from_the_room() {
        ChatMessage m = Actors.as(world.studentA(), () -> chat.post(room.id(), "typo hree"));
        open(world.studentA(), "chat/" + world.cohortA().id());
        test(find(Button.class).withId("message-" + m.id() + "-edit").single()).click();
        test(find(TextArea.class).withId("message-" + m.id() + "-editor").single()).setValue("typo here");
        test(find(Button.class).withId("message-" + m.id() + "-save").single()).click();
        assertThat(textOf(m.id())).isEqualTo("typo here");
        assertThat(Actors.as(world.studentA(), () -> chat.message(m.id())).orElseThrow().editedAt()).isNotNull();
    }

    @Test
    void load_older_pages_back() {
        for (int i = 0; i < ChatPanel.PAGE + 5; i++) {
            int n = i;
            Actors.as(world.studentsA().get(i % 3), () -> chat.post(room.id(), "m" + n));
        }
        open(world.studentA(), "chat/" + world.cohortA().id());
        assertThat(find(VerticalLayout.class).withClassName("chat-message").all()).hasSize(ChatPanel.PAGE);
        test(find(Button.class).withId("chat-older").single()).click();
        assertThat(find(VerticalLayout.class).withClassName("chat-message").all()).hasSize(ChatPanel.PAGE + 5);
    }

    @Test
    void the_navigation_badge_counts_unread_messages_live() {
        open(world.studentA(), "learn");
        Actors.as(world.studentsA().get(1), () -> chat.post(room.id(), "ping"));
        Actors.login(world.studentA());
        awaitPush("unread badge", () -> find(Span.class).withId("chat-unread").all().stream()
                .anyMatch(badge -> badge.getText().equals("1")));
    }

    @Test
    void non_members_cannot_open_another_cohorts_chat() {
        open(world.studentB(), "chat/" + world.cohortA().id());
        assertThat(getCurrentView()).isNotInstanceOf(ChatView.class);
    }

    @Test
    void presence_shows_who_is_online_in_the_chat() {
        open(world.studentA(), "chat/" + world.cohortA().id());
        assertThat(find(Span.class).withId("online-count-" + world.cohortA().id()).single().getText()).startsWith("1 of ");
    }
}
