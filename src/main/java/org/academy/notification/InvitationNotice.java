package org.academy.notification;

import java.util.List;

/**
 * A new account (an invitation, often with a seat) with its one-time link. Mail only: the person
 * has no password yet. The key is the link's hash, so every fresh link is a new mail.
 */
public record InvitationNotice(String linkHash, String organisationName, String link) implements Notice {

    @Override
    public NotificationType type() {
        return NotificationType.INVITATION;
    }

    @Override
    public String key() {
        return "invitation:" + linkHash;
    }

    @Override
    public String text() {
        return "You are invited to the Academy" + (organisationName == null ? "" : " by " + organisationName);
    }

    @Override
    public List<String> paragraphs() {
        return List.of(text() + ".", "Open the link below and choose your password. It is valid for 14 days and works once.");
    }

    @Override
    public boolean secretLink() {
        return true;
    }
}
