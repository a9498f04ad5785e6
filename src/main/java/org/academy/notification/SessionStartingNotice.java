package org.academy.notification;

import java.time.Instant;
import java.util.List;

/** A live session of the recipient's cohort starts in 24 hours, in 15 minutes, or has started. */
public record SessionStartingNotice(long sessionId, int sequence, String title, Instant startsAt, When when)
        implements Notice {

    public enum When {
        IN_24_HOURS("starts in 24 hours"), IN_15_MINUTES("starts in 15 minutes"), NOW("has started");

        private final String phrase;

        When(String phrase) {
            this.phrase = phrase;
        }
    }

    @Override
    public NotificationType type() {
        return NotificationType.SESSION_STARTING;
    }

    /** A moved session (new sequence) is reminded again. */
    @Override
    public String key() {
        return "session:" + sessionId + ":" + sequence + ":" + when;
    }

    @Override
    public String text() {
        return "Live session “" + title + "” " + when.phrase;
    }

    @Override
    public String link() {
        return "sessions/" + sessionId;
    }

    @Override
    public List<String> paragraphs() {
        return List.of(text() + ".", "It starts at " + startsAt + " (UTC).");
    }

    @Override
    public boolean urgent() {
        return when == When.NOW;
    }
}
