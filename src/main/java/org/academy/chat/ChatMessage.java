package org.academy.chat;

import java.time.Instant;

/**
 * A message as the caller sees it.
 *
 * @param text     null when deleted
 * @param canEdit  the caller wrote it, it is not deleted, and the edit window is still open
 * @param canDelete the caller wrote it or teaches the cohort
 */
public record ChatMessage(long id, long roomId, long authorId, String authorName, String text, Instant createdAt,
                          Instant editedAt, boolean deleted, boolean mine, boolean canEdit, boolean canDelete,
                          boolean mentionsMe) {
}
