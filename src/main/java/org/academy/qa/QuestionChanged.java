package org.academy.qa;

/** A question of a session was asked, upvoted, moderated or answered. */
public record QuestionChanged(long sessionId, long questionId) {
}
