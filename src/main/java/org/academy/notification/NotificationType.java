package org.academy.notification;

/**
 * What a notification is about, with its default per channel. A person may change the channels of
 * every type that is {@code configurable}; an invitation always goes by mail (it is how someone
 * without a password hears of their account).
 */
public enum NotificationType {
    MENTION("Mentioned in chat", true, EmailMode.DIGEST, true),
    ANNOUNCEMENT("Announcements", true, EmailMode.OFF, true),
    SESSION_STARTING("Live session starting", true, EmailMode.IMMEDIATE, true),
    QUIZ_SCORED("Quiz scored", true, EmailMode.OFF, true),
    PROJECT_FEEDBACK("Project feedback ready", true, EmailMode.IMMEDIATE, true),
    INVITATION("Invitation", false, EmailMode.IMMEDIATE, false),
    SEAT_ASSIGNED("Seat in a course", true, EmailMode.IMMEDIATE, true),
    COHORT_MILESTONE("Cohort milestones (instructors)", true, EmailMode.DIGEST, true),
    OTHER("Other", true, EmailMode.OFF, true);

    private final String label;
    private final boolean inAppByDefault;
    private final EmailMode emailByDefault;
    private final boolean configurable;

    NotificationType(String label, boolean inAppByDefault, EmailMode emailByDefault, boolean configurable) {
        this.label = label;
        this.inAppByDefault = inAppByDefault;
        this.emailByDefault = emailByDefault;
        this.configurable = configurable;
    }

    public String label() {
        return label;
    }

    public boolean configurable() {
        return configurable;
    }

    public Preference defaults() {
        return new Preference(this, inAppByDefault, emailByDefault);
    }

    /** How a type reaches a person's mailbox. */
    public enum EmailMode {
        IMMEDIATE("Each time"), DIGEST("Daily digest"), OFF("Off");

        private final String label;

        EmailMode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One person's channels for one type. */
    public record Preference(NotificationType type, boolean inApp, EmailMode email) {
    }
}
