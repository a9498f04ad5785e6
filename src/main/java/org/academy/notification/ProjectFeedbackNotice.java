package org.academy.notification;

/** An instructor's feedback on a version of the recipient's project is ready. */
public record ProjectFeedbackNotice(long submissionId, int version, String text, String link) implements Notice {

    @Override
    public NotificationType type() {
        return NotificationType.PROJECT_FEEDBACK;
    }

    @Override
    public String key() {
        return "project-feedback:" + submissionId + ":" + version;
    }
}
