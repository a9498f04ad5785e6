package org.academy.base;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextInputTest {

    @Test
    void text_made_only_of_invisible_characters_is_empty() {
        for (String blank : new String[]{"\u200B", "\u00A0", "\u3164", "\uFEFF", "\u200B\u00A0\u3164\uFEFF",
                "\u2800", "\u115F\u1160", "\uFFA0", "\u2060", "\u202F\u3000", "\u200D", "\u034F", "\n\t \r\n",
                "\u180E", "\uFE0F", "\u00AD", "\u200E\u200F"}) {
            assertThat(TextInput.clean(blank)).as("U+%04X…", (int) blank.charAt(0)).isEmpty();
        }
        assertThat(TextInput.clean(null)).isEmpty();
    }

    @Test
    void invisible_characters_at_the_ends_are_trimmed_and_the_text_between_is_kept() {
        assertThat(TextInput.clean("\u200B\u3164 hello \u00A0 world\uFEFF\u200B")).isEqualTo("hello \u00A0 world");
        assertThat(TextInput.clean("  two\r\nlines\r")).isEqualTo("two\nlines");
    }

    @Test
    void emoji_with_joiners_and_variation_selectors_survive_intact() {
        String heart = "\u2764\uFE0F";
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(TextInput.clean(" " + heart + " ")).isEqualTo(heart);
        assertThat(TextInput.clean(family)).isEqualTo(family);
    }

    @Test
    void text_is_stored_in_one_unicode_form() {
        assertThat(TextInput.clean("Cafe\u0301")).isEqualTo("Caf\u00E9");
    }

    @Test
    void a_nul_or_other_control_character_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> TextInput.clean("hello\u0000world")).isInstanceOf(InvalidRequestException.class)
                .hasMessage(TextInput.CONTROL_CHARACTER);
        assertThatThrownBy(() -> TextInput.clean("bell\u0007")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> TextInput.clean("c1\u0085")).isInstanceOf(InvalidRequestException.class);
        assertThat(TextInput.clean("tab\tand\nline")).isEqualTo("tab\tand\nline");
    }

    @Test
    void malformed_utf16_is_refused_rather_than_stored_as_a_question_mark() {
        assertThatThrownBy(() -> TextInput.clean("lone \uD83D high")).isInstanceOf(InvalidRequestException.class)
                .hasMessage(TextInput.MALFORMED);
        assertThatThrownBy(() -> TextInput.clean("lone \uDE00 low")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> TextInput.clean("ends high \uD83D")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> TextInput.clean("swapped \uDE00\uD83D")).isInstanceOf(InvalidRequestException.class);
        assertThat(TextInput.clean("pair \uD83D\uDE00")).isEqualTo("pair \uD83D\uDE00");
    }

    @Test
    void require_refuses_empty_and_too_long_text_with_the_callers_messages() {
        assertThatThrownBy(() -> TextInput.require("\u200B", 10, "empty", "long")).hasMessage("empty");
        assertThatThrownBy(() -> TextInput.require("x".repeat(11), 10, "empty", "long")).hasMessage("long");
        assertThat(TextInput.require("\u200Bx".repeat(5), 10, "empty", "long")).hasSize(9);
        // Far over the limit: refused before any per-character work.
        assertThatThrownBy(() -> TextInput.require("\u0000".repeat(1_000_000), 10, "empty", "long")).hasMessage("long");
    }

    @Test
    void truncating_never_cuts_an_emoji_in_half() {
        String text = "a".repeat(498) + "😀" + "tail";
        String cut = TextInput.truncate(text, 500);
        assertThat(cut).isEqualTo("a".repeat(498) + "…");
        assertThat(cut.codePoints().noneMatch(cp -> Character.isSurrogate((char) cp))).isTrue();
        assertThat(TextInput.truncate("short", 500)).isEqualTo("short");
        assertThat(TextInput.truncate("a".repeat(600), 500)).hasSize(500).endsWith("…");
    }
}
