package org.academy.course;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lesson markdown against a corpus of hostile snippets (test resource lesson-markdown/hostile.md)
 * and of ordinary lesson markdown that must come through (benign.md). The browser's markdown
 * renderer is not available here, so the hostile checks state what holds whatever a renderer makes
 * of the text: read as HTML, it has only safelisted elements; images only from /images; link
 * targets never a script or data URL.
 */
class LessonMarkdownTest {

    private static final Set<String> ALLOWED = Set.of("b", "strong", "i", "em", "u", "s", "del", "ins", "mark",
            "sub", "sup", "kbd", "small", "br", "pre", "code");

    @TestFactory
    Stream<DynamicTest> hostile_markdown_keeps_no_html_outside_the_safelist_no_remote_image_and_no_script_link()
            throws IOException {
        return corpus("hostile.md").entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String shown = LessonMarkdown.display(e.getValue());
            assertThat(shown).as("cleaned, not the plain-text safety net").isNotEqualTo(LessonMarkdown.inert(e.getValue()));
            assertOnlySafelistedHtml(shown);
            assertNoForeignImage(shown);
            assertNoScriptTarget(shown);
            String stored = LessonMarkdown.clean(e.getValue());
            assertNoForeignImage(stored);
            assertNoScriptTarget(stored);
            assertThat(LessonMarkdown.clean(stored)).as("cleaning twice changes nothing").isEqualTo(stored);
            assertThat(LessonMarkdown.display(stored)).as("stored content shows as the original would").isEqualTo(shown);
        }));
    }

    @TestFactory
    Stream<DynamicTest> ordinary_lesson_markdown_is_stored_as_written() throws IOException {
        return corpus("benign.md").entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String stored = LessonMarkdown.clean(e.getValue());
            // Only a bare "<" in text may become "&lt;", which every renderer shows as "<".
            assertThat(Parser.unescapeEntities(stored, false)).isEqualTo(e.getValue());
            String shown = LessonMarkdown.display(e.getValue());
            assertThat(shown).as("cleaned, not the plain-text safety net").isNotEqualTo(LessonMarkdown.inert(e.getValue()));
            assertOnlySafelistedHtml(shown);
        }));
    }

    @Test
    void a_style_block_a_password_form_and_an_unclosed_div_become_text_and_the_rest_of_the_lesson_shows() {
        String shown = LessonMarkdown.display("""
                Intro.

                <style>body { display: none }</style>

                <form action="https://evil.example"><input type="password"></form>

                <div style="display:none">

                The rest of the lesson.
                """);
        assertThat(shown).doesNotContain("<style", "<form", "<input", "<div")
                .contains("&lt;style>", "&lt;form", "&lt;div", "The rest of the lesson.");
    }

    @Test
    void fenced_code_keeps_its_tags_as_text_and_the_author_keeps_the_source() {
        String source = "```html\n<div class=\"card\">\n  <p>Hello</p>\n</div>\n```\n\nAfter.";
        assertThat(LessonMarkdown.clean(source)).isEqualTo(source);
        String shown = LessonMarkdown.display(source);
        Element code = Jsoup.parseBodyFragment(shown).selectFirst("pre > code");
        assertThat(code).isNotNull();
        assertThat(code.className()).isEqualTo("language-html");
        assertThat(code.wholeText()).isEqualTo("<div class=\"card\">\n  <p>Hello</p>\n</div>");
        assertThat(shown).endsWith("\n\nAfter.");
    }

    @Test
    void inline_code_keeps_its_tags_as_text() {
        String shown = LessonMarkdown.display("Wrap it in `<answer>` tags, or `a < b && *c*`.");
        var codes = Jsoup.parseBodyFragment(shown).select("code");
        assertThat(codes).extracting(Element::text).containsExactly("<answer>", "a < b && *c*");
        assertThat(shown).startsWith("Wrap it in <code>").endsWith("</code>.");
    }

    @Test
    void images_of_our_own_stay_images_and_others_become_links() {
        assertThat(LessonMarkdown.clean("![Diagram](/images/diagram.png \"D\")")).isEqualTo("![Diagram](/images/diagram.png \"D\")");
        assertThat(LessonMarkdown.clean("![t](https://evil.example/p.gif)")).isEqualTo("\\![t](https://evil.example/p.gif)");
        assertThat(LessonMarkdown.clean("![t](/images/../x.gif)")).startsWith("\\!");
        assertThat(LessonMarkdown.clean("![t](/images/%2e%2e/x.gif)")).startsWith("\\!");
    }

    @Test
    void autolinks_show_as_links_without_an_html_element() {
        assertThat(LessonMarkdown.clean("<https://example.com/a_(b)>")).isEqualTo("<https://example.com/a_(b)>");
        assertThat(LessonMarkdown.display("<https://example.com/a_(b)>"))
                .isEqualTo("[https&#58;&#47;&#47;example&#46;com&#47;a&#95;&#40;b&#41;](https://example.com/a_\\(b\\))");
    }

    @Test
    void script_and_data_link_targets_become_a_hash() {
        assertThat(LessonMarkdown.clean("[a](javascript:alert(1)) [b](https://example.com) [c](/learn)"))
                .isEqualTo("[a](#) [b](https://example.com) [c](/learn)");
        assertThat(LessonMarkdown.clean("[x]: data:text/html,hi")).isEqualTo("[x]: #");
    }

    @Test
    void kept_inline_tags_lose_their_attributes_or_are_escaped_when_left_open() {
        assertThat(LessonMarkdown.clean("<B>bold</b> and <kbd>Ctrl</kbd><br/>"))
                .isEqualTo("<b>bold</b> and <kbd>Ctrl</kbd><br>");
        assertThat(LessonMarkdown.clean("<b style=\"x\">cover</b>")).isEqualTo("&lt;b style=\"x\">cover&lt;/b>");
        assertThat(LessonMarkdown.clean("<small>open\n\nnext</small>")).isEqualTo("&lt;small>open\n\nnext&lt;/small>");
    }

    @Test
    void the_longest_lesson_of_open_tags_and_backticks_is_cleaned_in_bounded_time() {
        String tags = "<b>".repeat(CourseService.MAX_MARKDOWN / 3);
        StringBuilder ticks = new StringBuilder();
        for (int run = 1; ticks.length() < CourseService.MAX_MARKDOWN; run++) {
            ticks.append("`".repeat(run)).append(' ');
        }
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            assertThat(LessonMarkdown.display(tags)).doesNotContain("<b>");
            assertThat(LessonMarkdown.display(ticks.toString())).doesNotContain("<code>");
        });
    }

    private static void assertOnlySafelistedHtml(String shown) {
        for (Element el : Jsoup.parseBodyFragment(shown).body().getAllElements()) {
            if (el.tagName().equals("body")) {
                continue;
            }
            assertThat(ALLOWED).as("element <%s> in %s", el.tagName(), shown).contains(el.tagName());
            for (Attribute a : el.attributes()) {
                assertThat(el.tagName() + "[" + a.getKey() + "]").as(shown).isEqualTo("code[class]");
                assertThat(a.getValue()).matches("language-[A-Za-z0-9_+-]+");
            }
        }
    }

    /** Every image that a markdown renderer would show is one of ours. */
    private static void assertNoForeignImage(String markdown) {
        Matcher bang = Pattern.compile("!\\[").matcher(markdown);
        while (bang.find()) {
            int slashes = 0;
            for (int k = bang.start() - 1; k >= 0 && markdown.charAt(k) == '\\'; k--) {
                slashes++;
            }
            if (slashes % 2 == 1) {
                continue;
            }
            assertThat(markdown.substring(bang.start())).as(markdown)
                    .matches("(?s)!\\[[^\\[\\]\\n]*]\\(/images/[A-Za-z0-9._/-]+( \"[^\"]*\")?\\).*");
        }
    }

    private static void assertNoScriptTarget(String markdown) {
        Matcher target = Pattern.compile("(?:]\\(|]:)\\s*([^\\s)]*)").matcher(markdown);
        while (target.find()) {
            String t = Parser.unescapeEntities(target.group(1), false).replaceAll("[\\s\\x00-\\x1f\\\\]", "")
                    .toLowerCase(Locale.ROOT);
            assertThat(t).as(markdown).doesNotStartWith("javascript:").doesNotStartWith("data:")
                    .doesNotStartWith("vbscript:");
        }
    }

    /** Snippets separated by lines "=== name"; a literal \u0000 stands for NUL. */
    static Map<String, String> corpus(String name) throws IOException {
        try (InputStream in = LessonMarkdownTest.class.getResourceAsStream("/lesson-markdown/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> snippets = new LinkedHashMap<>();
            String current = null;
            List<String> lines = new ArrayList<>();
            for (String line : (text + "\n=== end").split("\n", -1)) {
                if (line.startsWith("=== ")) {
                    if (current != null) {
                        snippets.put(current, String.join("\n", lines).replace("\\u0000", "\0"));
                    }
                    current = line.substring(4);
                    lines.clear();
                } else {
                    lines.add(line);
                }
            }
            return snippets;
        }
    }
}
