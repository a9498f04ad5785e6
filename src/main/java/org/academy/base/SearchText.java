package org.academy.base;

/** What a search box typed, made safe for SQL: trimmed, and as an ILIKE pattern. */
public final class SearchText {

    private SearchText() {
    }

    /** The text without surrounding blanks; "" for null. */
    public static String trimmed(String text) {
        return text == null ? "" : text.strip();
    }

    /** An ILIKE pattern matching the text anywhere, with the user's %, _ and \ taken literally. */
    public static String containsPattern(String text) {
        return "%" + trimmed(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
