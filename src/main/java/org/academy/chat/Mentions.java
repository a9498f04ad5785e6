package org.academy.chat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which members a message mentions. A mention is {@code @} followed by a member's whole display
 * name (case aside), not inside a word on either side: {@code @Ann} does not mention "Anna
 * Smith", and {@code @Anna Smith} does not mention "Ann". Where several names fit at one
 * {@code @} ("Ann" and "Ann Smith" for {@code @Ann Smith}), the longest is meant.
 */
final class Mentions {

    private Mentions() {
    }

    static Set<ChatMember> in(String text, List<ChatMember> members) {
        Set<ChatMember> mentioned = new LinkedHashSet<>();
        if (text == null || text.indexOf('@') < 0) {
            return mentioned;
        }
        List<Candidate> byLength = new ArrayList<>();
        for (ChatMember m : members) {
            String name = Normalizer.normalize(m.displayName().strip(), Normalizer.Form.NFC);
            if (!name.isEmpty()) {
                byLength.add(new Candidate(m, name));
            }
        }
        byLength.sort(Comparator.comparingInt((Candidate c) -> c.name().length()).reversed());
        String t = Normalizer.normalize(text, Normalizer.Form.NFC);
        for (int at = t.indexOf('@'); at >= 0; at = t.indexOf('@', at + 1)) {
            if (at > 0 && wordChar(t.codePointBefore(at))) {
                continue; // inside a word, like an e-mail address
            }
            int start = at + 1;
            for (Candidate c : byLength) {
                if (t.regionMatches(true, start, c.name(), 0, c.name().length()) && endsAtBoundary(t, start, c.name())) {
                    mentioned.add(c.member());
                    break;
                }
            }
        }
        return mentioned;
    }

    private record Candidate(ChatMember member, String name) {
    }

    /** The name is complete: what follows it does not continue its last word. */
    private static boolean endsAtBoundary(String text, int start, String name) {
        int end = start + name.length();
        if (end >= text.length()) {
            return true;
        }
        // A name ending in punctuation ("Smith Jr.") is complete whatever follows.
        return !wordChar(name.codePointBefore(name.length())) || !wordChar(text.codePointAt(end));
    }

    private static boolean wordChar(int cp) {
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || cp == '_'
                || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
