package org.academy.qa;

import java.time.Instant;

/**
 * A question as the caller may see it.
 *
 * @param authorName null when the question is anonymous and the caller is another learner
 * @param mine       the caller asked it
 * @param upvotedByMe the caller upvoted it
 */
public record QuestionView(long id, long sessionId, String text, String authorName, boolean anonymous,
                           QuestionStatus status, boolean pinned, boolean answered, String answer, int upvotes,
                           boolean mine, boolean upvotedByMe, Instant createdAt) {
}
