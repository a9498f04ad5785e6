package org.academy.base;

import java.text.Normalizer;

/**
 * The one place where free text typed by people (chat messages, questions, answers,
 * announcements, poll questions and options) is made fit to store and show.
 * <ul>
 * <li>Malformed UTF-16 (a lone surrogate) is refused: PostgreSQL would store it as {@code ?}.</li>
 * <li>NUL and other control characters except tab and line breaks are refused: PostgreSQL refuses
 * NUL in text, and the others only hide or garble what is shown.</li>
 * <li>Text made only of invisible characters (spaces of every kind, zero-width characters,
 * byte-order marks, Hangul fillers, braille blanks…) counts as empty: it would show as nothing.</li>
 * <li>Invisible characters at either end are trimmed, line breaks become {@code \n}, and the text is
 * put in Unicode NFC, so the same words are stored the same way.</li>
 * </ul>
 * Length limits stay with each caller (they differ), applied to the cleaned text; {@link #tooLong}
 * lets callers refuse absurd input before any of this work.
 */
public final class TextInput {

    private TextInput() {
    }

    public static final String CONTROL_CHARACTER =
            "The text contains a control character that cannot be stored; remove it and try again.";
    public static final String MALFORMED =
            "The text contains a broken character (invalid Unicode); remove it and try again.";

    /**
     * The text cleaned as described above; {@code ""} when nothing visible is left (or for null).
     *
     * @throws InvalidRequestException for malformed UTF-16 or control characters, changing nothing
     */
    public static String clean(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        validate(text);
        String t = text.replace("\r\n", "\n").replace('\r', '\n');
        t = Normalizer.normalize(t, Normalizer.Form.NFC);
        int start = 0;
        int end = t.length();
        while (start < end) {
            int cp = t.codePointAt(start);
            if (!trimmable(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = t.codePointBefore(end);
            if (!trimmable(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        String trimmed = t.substring(start, end);
        return trimmed.codePoints().allMatch(TextInput::invisible) ? "" : trimmed;
    }

    /**
     * Cleans and checks the length in one go, for the common case.
     *
     * @param empty   the message when nothing visible is left
     * @param tooLong the message when the cleaned text is over {@code maxLength} characters
     */
    public static String require(String text, int maxLength, String empty, String tooLong) {
        if (tooLong(text, maxLength)) {
            throw new InvalidRequestException(tooLong);
        }
        String t = clean(text);
        if (t.isEmpty()) {
            throw new InvalidRequestException(empty);
        }
        if (t.length() > maxLength) {
            throw new InvalidRequestException(tooLong);
        }
        return t;
    }

    /**
     * True when the raw text cannot fit in {@code maxLength} even after cleaning; a cheap check to
     * refuse a pasted novel before any per-character work. Generous: trimming and NFC may shorten
     * text, so only text far over the limit is refused here.
     */
    public static boolean tooLong(String text, int maxLength) {
        return text != null && text.length() > 2L * maxLength + 1000;
    }

    /**
     * At most {@code maxLength} characters, ending in "…" when cut; never cuts a character made
     * of two UTF-16 units (an emoji) in half.
     */
    public static String truncate(String text, int maxLength) {
        if (text == null || text.length() <= maxLength) {
            return text;
        }
        int cut = maxLength - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "…";
    }

    private static void validate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidRequestException(MALFORMED);
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidRequestException(MALFORMED);
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                throw new InvalidRequestException(CONTROL_CHARACTER);
            }
            if (Character.getType(c) == Character.UNASSIGNED && (c >= 0xFDD0 && c <= 0xFDEF || (c & 0xFFFE) == 0xFFFE)) {
                throw new InvalidRequestException(MALFORMED);
            }
        }
    }

    /**
     * Shows as nothing on its own. Beyond whitespace and format characters, the Hangul fillers and
     * the braille blank are letters or symbols by category yet render empty, and are the usual
     * tricks for "blank" names and messages.
     */
    static boolean invisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        if (type == Character.FORMAT || type == Character.CONTROL) {
            return true;
        }
        return switch (cp) {
            case 0x115F, 0x1160, 0x3164, 0xFFA0, // Hangul fillers
                 0x2800, // braille pattern blank
                 0x034F, // combining grapheme joiner
                 0x17B4, 0x17B5, // Khmer inherent vowels
                 0x180E -> true; // Mongolian vowel separator
            default -> cp >= 0xFE00 && cp <= 0xFE0F // variation selectors
                    || cp >= 0xE0100 && cp <= 0xE01EF;
        };
    }

    /**
     * Invisible, and safe to drop at either end. Joiners and variation selectors are kept: at the
     * end of a text they belong to the emoji before them.
     */
    private static boolean trimmable(int cp) {
        if (cp == 0x200C || cp == 0x200D) {
            return false;
        }
        if (cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF || cp >= 0xE0020 && cp <= 0xE007F) {
            return false;
        }
        return invisible(cp);
    }
}
