package org.academy.identity;

/** What the set-password page shows about a valid invitation or reset link, and nothing more. */
public record InvitationDetails(String email, String displayName, boolean reset) {
}
