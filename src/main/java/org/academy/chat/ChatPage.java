package org.academy.chat;

import java.util.List;

/** Messages oldest first, and whether older ones exist before the first. */
public record ChatPage(List<ChatMessage> messages, boolean hasOlder) {
    public ChatPage {
        messages = List.copyOf(messages);
    }
}
