package org.academy.chat;

/** Someone who can be mentioned in a cohort's rooms. */
public record ChatMember(long userId, String displayName) {
}
