package org.academy.notification;

/** Someone mentioned the recipient in a chat message ("Ann mentioned you: …"). */
public record MentionNotice(long messageId, String text, String link) implements Notice {

    @Override
    public NotificationType type() {
        return NotificationType.MENTION;
    }

    @Override
    public String key() {
        return "mention:" + messageId;
    }
}
