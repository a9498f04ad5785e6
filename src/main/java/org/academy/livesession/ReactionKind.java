package org.academy.livesession;

/** What a participant can signal during a session. */
public enum ReactionKind {
    THUMBS_UP("👍", "Agree"),
    APPLAUSE("👏", "Applause"),
    QUESTION("❓", "I have a question"),
    TOO_FAST("🐇", "Too fast"),
    TOO_SLOW("🐢", "Too slow");

    private final String symbol;
    private final String label;

    ReactionKind(String symbol, String label) {
        this.symbol = symbol;
        this.label = label;
    }

    public String symbol() {
        return symbol;
    }

    public String label() {
        return label;
    }
}
