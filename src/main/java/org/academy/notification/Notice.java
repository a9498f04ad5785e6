package org.academy.notification;

import java.util.List;

/**
 * One kind of event that notifies people: a small record that knows its type, the key of the event
 * it reports (the same event requested twice is delivered once per person and channel), and how it
 * reads. Adding a kind is adding one record here.
 */
public sealed interface Notice permits MentionNotice, AnnouncementNotice, SessionStartingNotice, QuizScoredNotice,
        ProjectFeedbackNotice, InvitationNotice, SeatAssignedNotice, CohortMilestoneNotice, OtherNotice {

    NotificationType type();

    /** Identifies the event, not the recipient: "announcement:42". At most 200 characters. */
    String key();

    /** One line: the in-app entry and the mail's subject. */
    String text();

    /** Where it leads, a path inside the app ("sessions/12"), or null. */
    String link();

    /** The mail's paragraphs (plain text; escaped for the HTML part). */
    default List<String> paragraphs() {
        return List.of(text());
    }

    /** Shown as a toast as well as in the list. */
    default boolean urgent() {
        return false;
    }

    /** The link is a secret (a one-time invitation link): never shown in the app, dropped from mail once sent. */
    default boolean secretLink() {
        return false;
    }
}
