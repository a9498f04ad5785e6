package org.academy.chat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.cohort.CohortService;
import org.academy.identity.IdentityService;
import org.academy.identity.PersonSummary;
import org.academy.security.Role;
import org.academy.security.SystemActor;
import org.academy.notification.NotificationService;
import org.academy.notification.NotificationView;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class ChatServiceTest {

    @Autowired
    ChatService chat;
    @Autowired
    NotificationService notifications;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityService identity;
    @Autowired
    CohortService cohorts;

    World w;
    ChatRoom room;

    @BeforeEach
    void setUp() {
        w = fixtures.world();
        room = as(w.studentA(), () -> chat.cohortRoom(w.cohortA().id()));
    }

    long messages() {
        return jdbc.sql("select count(*) from chat_message where room_id = ?").param(room.id()).query(Long.class).single();
    }

    @Test
    void members_post_and_read_the_cohort_room_and_everyone_gets_the_same_room() {
        ChatRoom again = as(w.instructorA(), () -> chat.cohortRoom(w.cohortA().id()));
        assertThat(again.id()).isEqualTo(room.id());
        as(w.studentA(), () -> chat.post(room.id(), "Hello cohort"));
        ChatPage page = as(w.instructorA(), () -> chat.latest(room.id(), 50));
        assertThat(page.messages()).extracting(ChatMessage::text).containsExactly("Hello cohort");
        assertThat(page.messages().getFirst().authorName()).isEqualTo(w.studentA().displayName());
    }

    @Test
    void only_members_can_read_or_write_by_any_route() {
        assertThatThrownBy(() -> as(w.studentB(), () -> chat.cohortRoom(w.cohortA().id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.studentB(), () -> chat.latest(room.id(), 10))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.studentB(), () -> chat.post(room.id(), "let me in"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.instructorB(), () -> chat.post(room.id(), "wrong cohort"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> chat.latest(room.id(), 10))).isInstanceOf(NotFoundException.class);
        assertThat(messages()).isZero();
    }

    @Test
    void history_pages_back_from_the_newest_without_loading_everything() {
        for (int i = 1; i <= 7; i++) {
            int n = i;
            as(w.studentsA().get(i % 3), () -> chat.post(room.id(), "message " + n));
        }
        ChatPage latest = as(w.studentA(), () -> chat.latest(room.id(), 3));
        assertThat(latest.messages()).extracting(ChatMessage::text).containsExactly("message 5", "message 6", "message 7");
        assertThat(latest.hasOlder()).isTrue();
        ChatPage older = as(w.studentA(), () -> chat.older(room.id(), latest.messages().getFirst().id(), 3));
        assertThat(older.messages()).extracting(ChatMessage::text).containsExactly("message 2", "message 3", "message 4");
        ChatPage oldest = as(w.studentA(), () -> chat.older(room.id(), older.messages().getFirst().id(), 3));
        assertThat(oldest.messages()).extracting(ChatMessage::text).containsExactly("message 1");
        assertThat(oldest.hasOlder()).isFalse();
    }

    @Test
    void empty_or_too_long_messages_are_refused_and_html_is_stored_as_typed() {
        assertThatThrownBy(() -> as(w.studentA(), () -> chat.post(room.id(), "   "))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> as(w.studentA(), () -> chat.post(room.id(), "x".repeat(2001))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("2000");
        assertThat(messages()).isZero();
        ChatMessage script = as(w.studentA(), () -> chat.post(room.id(), "<script>alert(1)</script>"));
        assertThat(script.text()).isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void authors_edit_their_own_messages_which_show_as_edited() {
        ChatMessage m = as(w.studentA(), () -> chat.post(room.id(), "Helo"));
        assertThat(m.canEdit()).isTrue();
        ChatMessage edited = as(w.studentA(), () -> chat.edit(m.id(), "Hello"));
        assertThat(edited.text()).isEqualTo("Hello");
        assertThat(edited.editedAt()).isNotNull();
        assertThatThrownBy(() -> as(w.studentsA().get(1), () -> chat.edit(m.id(), "hijacked")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> as(w.instructorA(), () -> chat.edit(m.id(), "staff cannot edit either")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void the_edit_window_closes() {
        ChatMessage m = as(w.studentA(), () -> chat.post(room.id(), "old news"));
        jdbc.sql("update chat_message set created_at = now() - interval '16 minutes' where id = ?").param(m.id()).update();
        assertThatThrownBy(() -> as(w.studentA(), () -> chat.edit(m.id(), "too late")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("15 minutes");
        assertThat(as(w.studentA(), () -> chat.message(m.id())).orElseThrow().canEdit()).isFalse();
    }

    @Test
    void authors_delete_their_own_and_instructors_any_message_but_learners_not_others() {
        ChatMessage mine = as(w.studentA(), () -> chat.post(room.id(), "mine"));
        ChatMessage other = as(w.studentsA().get(1), () -> chat.post(room.id(), "someone else's"));
        assertThatThrownBy(() -> as(w.studentA(), () -> chat.delete(other.id()))).isInstanceOf(InvalidRequestException.class);
        as(w.studentA(), () -> chat.delete(mine.id()));
        as(w.instructorA(), () -> chat.delete(other.id()));
        as(w.instructorA(), () -> chat.delete(other.id()));

        List<ChatMessage> seen = as(w.studentsA().get(2), () -> chat.latest(room.id(), 10)).messages();
        assertThat(seen).allSatisfy(m -> {
            assertThat(m.deleted()).isTrue();
            assertThat(m.text()).isNull();
        });
    }

    @Test
    void a_muted_learner_cannot_post_until_the_mute_ends_and_only_instructors_mute() {
        assertThatThrownBy(() -> as(w.studentsA().get(1), () -> chat.mute(room.id(), w.studentA().id(), Duration.ofMinutes(10))))
                .isInstanceOf(NotFoundException.class);
        as(w.instructorA(), () -> chat.mute(room.id(), w.studentA().id(), Duration.ofMinutes(10)));
        assertThatThrownBy(() -> as(w.studentA(), () -> chat.post(room.id(), "can I?")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("muted");
        assertThat(as(w.studentA(), () -> chat.myMute(room.id()))).isPresent();
        assertThat(as(w.studentsA().get(1), () -> chat.post(room.id(), "I still can"))).isNotNull();

        jdbc.sql("update chat_mute set until = now() - interval '1 second' where user_id = ?").param(w.studentA().id()).update();
        assertThat(as(w.studentA(), () -> chat.post(room.id(), "back again")).text()).isEqualTo("back again");
    }

    @Test
    void a_mention_notifies_the_member_once_and_nobody_else() {
        String name = w.studentsA().get(1).displayName();
        ChatMessage m = as(w.studentA(), () -> chat.post(room.id(), "@" + name + " can you share your prompt?"));
        List<NotificationView> theirs = as(w.studentsA().get(1), () -> notifications.mine(10));
        assertThat(theirs).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo("MENTION");
            assertThat(n.text()).contains("can you share your prompt");
            assertThat(n.link()).isEqualTo("chat/" + w.cohortA().id());
        });
        assertThat(as(w.studentsA().get(2), () -> notifications.mine(10))).isEmpty();
        assertThat(as(w.studentsA().get(1), () -> chat.message(m.id())).orElseThrow().mentionsMe()).isTrue();
        as(w.studentsA().get(1), () -> notifications.markAllRead());
        assertThat(as(w.studentsA().get(1), notifications::unreadCount)).isZero();
    }

    @Test
    void unread_counts_rise_with_others_messages_and_clear_when_read() {
        as(w.studentsA().get(1), () -> chat.post(room.id(), "one"));
        ChatMessage two = as(w.studentsA().get(2), () -> chat.post(room.id(), "two"));
        as(w.studentA(), () -> chat.post(room.id(), "my own does not count"));
        assertThat(as(w.studentA(), () -> chat.unread(room.id()))).isEqualTo(2);
        assertThat(as(w.studentA(), chat::unreadTotal)).isEqualTo(2);

        as(w.studentA(), () -> chat.markRead(room.id(), two.id()));
        as(w.studentA(), () -> chat.markRead(room.id(), 1));
        assertThat(as(w.studentA(), () -> chat.unread(room.id()))).isZero();
    }

    @Test
    void a_flooding_member_is_slowed_and_others_are_not() {
        int sent = 0;
        for (int i = 0; i < 40; i++) {
            int n = i;
            try {
                as(w.studentA(), () -> chat.post(room.id(), "spam " + n));
                sent++;
            } catch (InvalidRequestException limited) {
                assertThat(limited).hasMessageContaining("wait");
            }
        }
        assertThat(sent).isBetween(20, 22);
        assertThat(as(w.studentsA().get(1), () -> chat.post(room.id(), "hi"))).isNotNull();
    }

    // ---- mentions, bounded and odd input ---------------------------------------------------------

    PersonSummary member(String displayName) {
        return SystemActor.call(() -> {
            PersonSummary p = identity.createUser(w.orgA().id(), UUID.randomUUID() + "@example.test", displayName, null,
                    Set.of(Role.STUDENT));
            cohorts.enrol(w.cohortA().id(), p.id());
            return p;
        });
    }

    int mentionsOf(PersonSummary p) {
        return as(p, () -> notifications.mine(50)).size();
    }

    @Test
    void a_mention_names_one_member_in_full_not_everyone_whose_name_begins_or_contains_it() {
        PersonSummary ann = member("Ann");
        PersonSummary annSmith = member("Ann Smith");
        PersonSummary annaSmith = member("Anna Smith");

        as(w.studentA(), () -> chat.post(room.id(), "@Ann are you there?"));
        assertThat(List.of(mentionsOf(ann), mentionsOf(annSmith), mentionsOf(annaSmith))).containsExactly(1, 0, 0);

        as(w.studentA(), () -> chat.post(room.id(), "@Anna Smith are you there?"));
        assertThat(List.of(mentionsOf(ann), mentionsOf(annSmith), mentionsOf(annaSmith))).containsExactly(1, 0, 1);

        as(w.studentA(), () -> chat.post(room.id(), "@Ann Smith, are you there?"));
        assertThat(List.of(mentionsOf(ann), mentionsOf(annSmith), mentionsOf(annaSmith))).containsExactly(1, 1, 1);
    }

    @Test
    void editing_is_limited_per_person_because_every_edit_is_pushed_to_every_viewer() {
        ChatMessage m = as(w.studentA(), () -> chat.post(room.id(), "draft 0"));
        int edits = 0;
        for (int i = 1; i <= 200; i++) {
            int n = i;
            try {
                as(w.studentA(), () -> chat.edit(m.id(), "draft " + n));
                edits++;
            } catch (InvalidRequestException limited) {
                assertThat(limited).hasMessageContaining("wait");
            }
        }
        assertThat(edits).isBetween(10, 11);
        String last = "draft " + edits;
        assertThat(as(w.studentA(), () -> chat.message(m.id())).orElseThrow().text()).isEqualTo(last);
        // Saving the same text again changes nothing and costs nothing.
        assertThat(as(w.studentA(), () -> chat.edit(m.id(), last)).text()).isEqualTo(last);
        ChatMessage other = as(w.studentsA().get(1), () -> chat.post(room.id(), "mine"));
        assertThat(as(w.studentsA().get(1), () -> chat.edit(other.id(), "mine, edited")).text()).isEqualTo("mine, edited");
    }

    @Test
    void messages_of_only_invisible_characters_are_empty_and_nul_or_broken_characters_are_refused_clearly() {
        for (String blank : List.of("\u200B", "\u00A0", "\u3164", "\uFEFF", "\u200B\u00A0\u3164\uFEFF \n", "\u2800")) {
            assertThatThrownBy(() -> as(w.studentA(), () -> chat.post(room.id(), blank)))
                    .isInstanceOf(InvalidRequestException.class).hasMessage("Write a message first.");
        }
        assertThatThrownBy(() -> as(w.studentA(), () -> chat.post(room.id(), "hello\u0000")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("control character");
        assertThatThrownBy(() -> as(w.studentA(), () -> chat.post(room.id(), "smile \uD83D")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("broken character");
        assertThat(messages()).isZero();

        ChatMessage m = as(w.studentA(), () -> chat.post(room.id(), "\u200Bfine\u00A0"));
        assertThat(m.text()).isEqualTo("fine");
        assertThatThrownBy(() -> as(w.studentA(), () -> chat.edit(m.id(), "\u3164")))
                .isInstanceOf(InvalidRequestException.class).hasMessage("Write a message first.");
        assertThatThrownBy(() -> as(w.studentA(), () -> chat.edit(m.id(), "\u0000")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("control character");
        assertThat(as(w.studentA(), () -> chat.message(m.id())).orElseThrow().text()).isEqualTo("fine");
    }
}
