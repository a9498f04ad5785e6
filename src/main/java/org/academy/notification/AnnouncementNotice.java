package org.academy.notification;

import java.util.List;

/** An instructor announced something to the cohort during or around a live session. */
public record AnnouncementNotice(long announcementId, String cohortName, String announcement, String link) implements Notice {

    @Override
    public NotificationType type() {
        return NotificationType.ANNOUNCEMENT;
    }

    @Override
    public String key() {
        return "announcement:" + announcementId;
    }

    @Override
    public String text() {
        return "Announcement in " + cohortName + ": " + announcement;
    }

    @Override
    public List<String> paragraphs() {
        return List.of("Announcement in " + cohortName + ":", announcement);
    }
}
