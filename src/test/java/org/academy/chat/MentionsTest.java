package org.academy.chat;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MentionsTest {

    final ChatMember ann = new ChatMember(1, "Ann");
    final ChatMember annSmith = new ChatMember(2, "Ann Smith");
    final ChatMember annaSmith = new ChatMember(3, "Anna Smith");
    final ChatMember oneil = new ChatMember(4, "Dara O'Neil");
    final ChatMember junior = new ChatMember(5, "Bo Lee Jr.");
    final ChatMember jose = new ChatMember(6, "Jos\u00E9 \u00C1lvarez");
    final List<ChatMember> members = List.of(ann, annSmith, annaSmith, oneil, junior, jose);

    List<Long> mentioned(String text) {
        return Mentions.in(text, members).stream().map(ChatMember::userId).toList();
    }

    @Test
    void a_short_name_does_not_mention_a_longer_name_it_begins() {
        assertThat(mentioned("@Ann can you help?")).containsExactly(ann.userId());
        assertThat(mentioned("@Ann")).containsExactly(ann.userId());
        assertThat(mentioned("@Anna")).isEmpty();
    }

    @Test
    void a_longer_name_does_not_also_mention_the_shorter_name_inside_it() {
        assertThat(mentioned("@Anna Smith can you help?")).containsExactly(annaSmith.userId());
        assertThat(mentioned("@Ann Smith, can you help?")).containsExactly(annSmith.userId());
        assertThat(mentioned("@Ann Smithers")).containsExactly(ann.userId());
    }

    @Test
    void a_mention_ends_at_a_word_boundary_and_punctuation_around_it_is_fine() {
        assertThat(mentioned("(@Ann) and @Anna Smith.")).containsExactly(ann.userId(), annaSmith.userId());
        assertThat(mentioned("@Dara O'Neil's idea")).containsExactly(oneil.userId());
        assertThat(mentioned("@Dara O'Neilson")).isEmpty();
        assertThat(mentioned("thanks @Bo Lee Jr.!")).containsExactly(junior.userId());
        assertThat(mentioned("@Bo Lee Jr.x")).containsExactly(junior.userId());
        assertThat(mentioned("@Annabel")).isEmpty();
        assertThat(mentioned("@Ann_1")).isEmpty();
    }

    @Test
    void names_match_regardless_of_case_and_unicode_form_but_not_inside_an_address() {
        assertThat(mentioned("@ann smith hi")).containsExactly(annSmith.userId());
        assertThat(mentioned("@Jose\u0301 \u00C1lvarez")).containsExactly(jose.userId());
        assertThat(mentioned("mail ann@Ann Smith.example")).isEmpty();
        assertThat(mentioned("no mention of Ann Smith")).isEmpty();
    }
}
