package org.academy.course;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lesson markdown without the author's raw HTML (see docs/decisions/0009). Lessons are rendered
 * by the browser (Vaadin's Markdown component), which lets HTML inside markdown through its own
 * script-only sanitiser: a {@code <style>} restyles the page, a {@code <form>} asks for passwords,
 * an unclosed {@code <div>} swallows the rest. So the server hands the browser markdown in which
 * the only HTML is what {@link #SAFELIST} allows:
 * <ul>
 * <li>{@link #clean} (on save, and on every read of stored content): every {@code <} outside code
 *     becomes {@code &lt;}, except a few bare inline tags closed on the same line and http(s)/mailto
 *     autolinks; images only from our own {@code /images/} (any other {@code ![…]} becomes a link,
 *     so nothing is fetched from elsewhere); link targets other than http(s), mailto and relative
 *     ones become {@code #}. Code is left as written, so an author's source stays readable.</li>
 * <li>{@link #display} (what the Markdown component gets): clean, then code spans and fenced
 *     blocks become {@code <code>}/{@code <pre>} whose text is all character references. The
 *     result contains no {@code <} that is not a safelisted tag, whatever a markdown renderer
 *     takes for code; it is checked against the safelist with jsoup before it leaves.</li>
 * </ul>
 */
public final class LessonMarkdown {

    private static final Logger log = LoggerFactory.getLogger(LessonMarkdown.class);

    /** Inline tags an author may keep: none can hide, restyle or fetch, and none opens an HTML block. */
    private static final Set<String> KEPT_TAGS = Set.of("b", "strong", "i", "em", "u", "s", "del", "ins", "mark",
            "sub", "sup", "kbd", "small", "br");

    /** Everything the displayed markdown may contain as HTML: the kept tags and our code elements. */
    static final Safelist SAFELIST = new Safelist()
            .addTags(KEPT_TAGS.toArray(String[]::new))
            .addTags("pre", "code")
            .addAttributes("code", "class");

    private static final Pattern FENCE_OPEN = Pattern.compile("^( {0,3})(`{3,}|~{3,})(.*)$");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+-]{1,30}");
    private static final Pattern AUTOLINK = Pattern.compile("<(?i:https?|mailto):[^\\s<>\\x00-\\x1f]*>");
    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][A-Za-z0-9]*)\\s*(/?)>");
    private static final Pattern CLOSING_TAG = Pattern.compile("</([A-Za-z][A-Za-z0-9]*)\\s*>");
    private static final Pattern SAFE_IMAGE = Pattern.compile(
            "!\\[[^\\[\\]\\\\\\n]*]\\(\\s*/images/(?![^\\s)]*\\.\\.)[A-Za-z0-9._~/-]+(?:\\s+\"[^\"\\n]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[(?:[^\\[\\]\\\\]|\\\\.)+]:");
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");

    private LessonMarkdown() {
    }

    /** The markdown to store: raw HTML escaped, remote images and script links defused, code as written. */
    public static String clean(String markdown) {
        return process(markdown, false);
    }

    /** The markdown to give the browser's renderer: {@link #clean}, with code turned into inert HTML. */
    public static String display(String markdown) {
        String shown = process(markdown, true);
        Document parsed = Jsoup.parseBodyFragment(shown);
        if (!new Cleaner(SAFELIST).isValid(parsed)) {
            // Cannot happen unless this class has a bug; then the lesson reads as plain text rather than unsafe.
            log.warn("Lesson markdown kept HTML outside the safelist; shown as plain text");
            return inert(markdown == null ? "" : markdown);
        }
        return shown;
    }

    private static String process(String markdown, boolean display) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        String[] lines = markdown.replace("\r\n", "\n").replace('\r', '\n').replace('\0', '\uFFFD').split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        boolean destinationNext = false;
        int i = 0;
        while (i < lines.length) {
            Matcher open = FENCE_OPEN.matcher(lines[i]);
            if (open.matches() && !(open.group(2).charAt(0) == '`' && open.group(3).contains("`"))) {
                int indent = open.group(1).length();
                String fence = open.group(2);
                Pattern closer = Pattern.compile("^ {0,3}" + Pattern.quote(fence) + Pattern.quote(fence.substring(0, 1))
                        + "*[ \\t]*$");
                int j = i + 1;
                while (j < lines.length && !closer.matcher(lines[j]).matches()) {
                    j++;
                }
                boolean closed = j < lines.length;
                if (display) {
                    StringBuilder code = new StringBuilder();
                    for (int k = i + 1; k < j; k++) {
                        if (k > i + 1) {
                            code.append('\n');
                        }
                        code.append(withoutIndent(lines[k], indent));
                    }
                    String info = open.group(3).strip();
                    String language = info.isEmpty() ? "" : info.split("\\s+")[0];
                    out.add(" ".repeat(indent) + "<pre><code"
                            + (LANGUAGE.matcher(language).matches() ? " class=\"language-" + language + "\"" : "")
                            + ">" + inert(code.toString()) + "</code></pre>");
                } else {
                    for (int k = i; k < (closed ? j + 1 : j); k++) {
                        out.add(lines[k]);
                    }
                }
                i = closed ? j + 1 : j;
                destinationNext = false;
                continue;
            }
            StringBuilder line = new StringBuilder();
            int from = 0;
            boolean definitionWithoutTarget = false;
            if (destinationNext) {
                from = destination(lines[i], 0, line);
            } else {
                Matcher definition = REFERENCE_DEFINITION.matcher(lines[i]);
                if (definition.find()) {
                    line.append(escapeAngles(definition.group()));
                    from = destination(lines[i], definition.end(), line);
                    definitionWithoutTarget = lines[i].substring(definition.end()).isBlank();
                }
            }
            destinationNext = inline(lines[i], from, display, line) || definitionWithoutTarget;
            out.add(line.toString());
            i++;
        }
        return String.join("\n", out);
    }

    /**
     * One line outside fenced code, from {@code from}. Returns whether it ended with a link whose
     * target is on the next line.
     */
    private static boolean inline(String s, int from, boolean display, StringBuilder out) {
        Deque<String> openTags = new ArrayDeque<>();
        Map<String, Integer> lastClose = lastClosing(s);
        int k = from;
        int n = s.length();
        while (k < n) {
            char c = s.charAt(k);
            if (c == '\\') {
                out.append(c);
                if (k + 1 < n) {
                    out.append(s.charAt(k + 1));
                }
                k += 2;
            } else if (c == '`') {
                int run = runLength(s, k, '`');
                int close = closingRun(s, k + run, run);
                if (close < 0) {
                    out.append(s, k, k + run);
                    k += run;
                } else {
                    String content = s.substring(k + run, close);
                    if (display) {
                        if (content.length() > 2 && content.startsWith(" ") && content.endsWith(" ") && !content.isBlank()) {
                            content = content.substring(1, content.length() - 1);
                        }
                        out.append("<code>").append(inert(content)).append("</code>");
                    } else {
                        out.append(s, k, close + run);
                    }
                    k = close + run;
                }
            } else if (c == '<') {
                k = angle(s, k, display, openTags, lastClose, out);
            } else if (c == '!' && k + 1 < n && s.charAt(k + 1) == '[') {
                Matcher image = SAFE_IMAGE.matcher(s).region(k, n);
                if (image.lookingAt()) {
                    out.append(image.group());
                    k = image.end();
                } else {
                    // Not one of our images: a link to it instead, which fetches nothing until clicked.
                    out.append("\\!");
                    k++;
                }
            } else if (c == ']' && k + 1 < n && s.charAt(k + 1) == '(') {
                out.append("](");
                k += 2;
                while (k < n && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
                    out.append(s.charAt(k++));
                }
                if (k == n) {
                    return true;
                }
                k = destination(s, k, out);
            } else {
                out.append(c);
                k++;
            }
        }
        return false;
    }

    private static int angle(String s, int k, boolean display, Deque<String> openTags, Map<String, Integer> lastClose,
                             StringBuilder out) {
        Matcher autolink = AUTOLINK.matcher(s).region(k, s.length());
        if (autolink.lookingAt()) {
            if (display) {
                // The same link in bracket form: an HTML reader would take "<https:" for an element.
                String url = autolink.group().substring(1, autolink.group().length() - 1);
                out.append('[').append(inert(url)).append("](").append(url.replace("(", "\\(").replace(")", "\\)"))
                        .append(')');
            } else {
                out.append(autolink.group());
            }
            return autolink.end();
        }
        Matcher tag = TAG.matcher(s).region(k, s.length());
        if (tag.lookingAt()) {
            String name = tag.group(2).toLowerCase(Locale.ROOT);
            boolean closing = !tag.group(1).isEmpty();
            if (KEPT_TAGS.contains(name)) {
                if (name.equals("br") && !closing) {
                    out.append("<br>");
                    return tag.end();
                }
                // Kept only when closed on the same line: an unclosed tag must not run on through the lesson.
                if (!closing && tag.group(3).isEmpty() && lastClose.getOrDefault(name, -1) >= tag.end()) {
                    openTags.push(name);
                    out.append('<').append(name).append('>');
                    return tag.end();
                }
                if (closing && !openTags.isEmpty() && openTags.peek().equals(name)) {
                    openTags.pop();
                    out.append("</").append(name).append('>');
                    return tag.end();
                }
            }
        }
        out.append("&lt;");
        return k + 1;
    }

    /** Where each tag is last closed on the line: one pass, however many tags it opens. */
    private static Map<String, Integer> lastClosing(String line) {
        Map<String, Integer> last = new HashMap<>();
        if (line.contains("</")) {
            Matcher closing = CLOSING_TAG.matcher(line);
            while (closing.find()) {
                last.put(closing.group(1).toLowerCase(Locale.ROOT), closing.start());
            }
        }
        return last;
    }

    /** A link target from {@code k}: kept if http(s), mailto or relative, else replaced by {@code #}. */
    private static int destination(String s, int k, StringBuilder out) {
        int n = s.length();
        while (k < n && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
            out.append(s.charAt(k++));
        }
        int start = k;
        int depth = 0;
        while (k < n) {
            char c = s.charAt(k);
            if (c == '\\' && k + 1 < n) {
                k += 2;
                continue;
            }
            if (Character.isWhitespace(c) || c == '<' || (c == ')' && depth == 0)) {
                break;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            k++;
        }
        String target = s.substring(start, k);
        out.append(safeTarget(target) ? target : "#");
        return k;
    }

    static boolean safeTarget(String target) {
        String decoded = Parser.unescapeEntities(target, false).replaceAll("\\\\(\\p{Punct})", "$1");
        StringBuilder plain = new StringBuilder();
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
        decoded.codePoints().filter(cp -> cp > 0x20 && cp != 0x7f).forEach(plain::appendCodePoint);
        Matcher scheme = SCHEME.matcher(plain.toString().toLowerCase(Locale.ROOT));
        return !scheme.find() || LINK_SCHEMES.contains(scheme.group(1));
    }

    private static String escapeAngles(String s) {
        return s.replace("<", "&lt;");
    }

    private static int runLength(String s, int k, char c) {
        int end = k;
        while (end < s.length() && s.charAt(end) == c) {
            end++;
        }
        return end - k;
    }

    /** Where a backtick run of exactly {@code length} starts after {@code from} on this line, or -1. */
    private static int closingRun(String s, int from, int length) {
        int k = from;
        while (k < s.length()) {
            if (s.charAt(k) == '`') {
                int run = runLength(s, k, '`');
                if (run == length) {
                    return k;
                }
                k += run;
            } else {
                k++;
            }
        }
        return -1;
    }

    private static String withoutIndent(String line, int indent) {
        int k = 0;
        while (k < indent && k < line.length() && line.charAt(k) == ' ') {
            k++;
        }
        return line.substring(k);
    }

    /**
     * Text that every reader takes as text: ASCII punctuation as numeric character references, so
     * neither an HTML parser nor a markdown one finds a tag, an image, emphasis or a link in it.
     */
    static String inert(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == ' ' || Character.isLetterOrDigit(cp) || cp > 0x7f && !Character.isISOControl(cp)) {
                out.appendCodePoint(cp);
            } else if (cp == '\t' || cp > 0x20 && cp < 0x7f) {
                out.append("&#").append(cp).append(';');
            }
        });
        return out.toString();
    }
}
