package org.academy.livesession.ui;

import java.util.List;
import java.util.Set;

import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.poll.NewPoll;
import org.academy.poll.PollService;
import org.academy.poll.PollView;
import org.academy.qa.QaService;
import org.academy.qa.QuestionOrder;
import org.academy.qa.QuestionView;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSessionViewsTest extends BrowserlessUiTest {

    @Autowired
    Sessions sessions;
    @Autowired
    PollService polls;
    @Autowired
    QaService qa;
    @Autowired
    LiveSessionService liveSessions;

    World world;
    SessionSummary session;

    @BeforeEach
    void setUp() {
        world = fixtures.world();
        session = sessions.liveSessionOfA(world);
    }

    private String text(String id) {
        return find(Span.class).withId(id).single().getText();
    }

    @Test
    void the_facilitator_creates_and_opens_a_poll_and_sees_votes_arrive_live() {
        open(world.instructorA(), "sessions/" + session.id() + "/facilitate");
        test(find(TextField.class).withId("poll-question").single()).setValue("Which tool do you use most?");
        test(find(TextArea.class).withId("poll-options").single()).setValue("ChatGPT\nCopilot\nClaude");
        test(find(Button.class).withId("create-poll").single()).click();

        PollView created = Actors.as(world.instructorA(), () -> polls.polls(session.id())).getFirst();
        assertThat(created.options()).extracting(o -> o.label()).containsExactly("ChatGPT", "Copilot", "Claude");
        test(find(Button.class).withId("poll-" + created.id() + "-open").single()).click();

        Actors.as(world.studentA(), () -> polls.vote(created.id(), Set.of(created.options().get(2).id())));
        Actors.login(world.instructorA());
        awaitPush("the vote on the facilitator's bars", () -> find(Span.class).withClassName("poll-voters").all().stream()
                .anyMatch(s -> s.getText().equals("1 vote")));
    }

    @Test
    void a_poll_with_one_option_is_refused_with_a_message_and_nothing_is_created() {
        open(world.instructorA(), "sessions/" + session.id() + "/facilitate");
        test(find(TextField.class).withId("poll-question").single()).setValue("Only one?");
        test(find(TextArea.class).withId("poll-options").single()).setValue("Yes");
        try {
            test(find(Button.class).withId("create-poll").single()).click();
        } catch (RuntimeException refused) {
            assertThat(refused).hasMessageContaining("2 to 10 options");
        }
        assertThat(Actors.as(world.instructorA(), () -> polls.polls(session.id()))).isEmpty();
    }

    @Test
    void a_hundred_thousand_lines_in_the_options_box_are_bounded_at_once_and_refused() {
        open(world.instructorA(), "sessions/" + session.id() + "/facilitate");
        TextArea options = find(TextArea.class).withId("poll-options").single();
        assertThat(options.getMaxLength()).isEqualTo(PollService.MAX_OPTIONS_TEXT);
        String pasted = String.join("\n", java.util.stream.IntStream.range(0, 100_000).mapToObj(i -> "Option " + i).toList());
        long started = System.nanoTime();
        // What a crafted request past the browser's maxlength delivers.
        options.setValue(pasted);
        @SuppressWarnings("unchecked")
        CheckboxGroup<Integer> correct = find(CheckboxGroup.class).withId("poll-correct").single();
        assertThat(correct.getListDataView().getItemCount()).isLessThanOrEqualTo(PollService.MAX_OPTIONS + 1);
        assertThat(options.isInvalid()).isTrue();
        test(find(TextField.class).withId("poll-question").single()).setValue("Which?");
        try {
            test(find(Button.class).withId("create-poll").single()).click();
        } catch (RuntimeException refused) {
            assertThat(refused).hasMessageContaining("options");
        }
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("was 16 s").isLessThan(java.time.Duration.ofSeconds(3));
        assertThat(Actors.as(world.instructorA(), () -> polls.polls(session.id()))).isEmpty();
    }

    @Test
    void an_ended_session_offers_no_reopening_or_rerun_of_its_polls() {
        PollView poll = Actors.as(world.instructorA(), () -> {
            PollView p = polls.create(session.id(), new NewPoll("Ready?", List.of("Yes", "No"), false, Set.of()));
            return polls.open(p.id());
        });
        Actors.as(world.instructorA(), () -> liveSessions.end(session.id()));
        open(world.instructorA(), "sessions/" + session.id() + "/facilitate");
        assertThat(find(Button.class).withId("poll-" + poll.id() + "-open").all()).isEmpty();
        assertThat(find(Button.class).withId("poll-" + poll.id() + "-rerun").all()).isEmpty();
        assertThat(find(Button.class).withId("poll-" + poll.id() + "-reveal").all()).hasSize(1);
        assertThat(find(TextArea.class).withId("poll-options").all()).isEmpty();
    }

    @Test
    void a_learner_votes_and_sees_results_once_revealed() {
        PollView poll = Actors.as(world.instructorA(), () -> {
            PollView p = polls.create(session.id(), new NewPoll("Ready?", List.of("Yes", "No"), false, Set.of()));
            return polls.open(p.id());
        });
        open(world.studentA(), "sessions/" + session.id());

        @SuppressWarnings("unchecked")
        RadioButtonGroup<Object> choice = find(RadioButtonGroup.class).single();
        test(choice).selectItem("Yes");
        test(find(Button.class).withId("poll-" + poll.id() + "-vote").single()).click();
        assertThat(Actors.as(world.instructorA(), () -> polls.polls(session.id())).getFirst().voters()).isEqualTo(1);
        assertThat(find(Span.class).withClassName("poll-voters").single().getText()).contains("when the instructor reveals");

        Actors.as(world.instructorA(), () -> polls.setResultsVisible(poll.id(), true));
        Actors.login(world.studentA());
        awaitPush("revealed results", () -> find(Span.class).withClassName("poll-voters").single().getText().equals("1 vote"));
    }

    @Test
    void a_learner_asks_anonymously_another_upvotes_and_the_answer_shows_for_both() {
        open(world.studentA(), "sessions/" + session.id());
        test(find(TextArea.class).withId("question-text").single()).setValue("<script>alert('x')</script> Why?");
        test(find(Checkbox.class).withId("question-anonymous").single()).click();
        test(find(Button.class).withId("ask").single()).click();
        QuestionView asked = Actors.as(world.instructorA(), () -> qa.questions(session.id(), QuestionOrder.TOP)).getFirst();
        assertThat(asked.anonymous()).isTrue();

        open(world.studentsA().get(1), "sessions/" + session.id());
        Div shown = find(VerticalLayout.class).withId("question-" + asked.id()).single().getChildren()
                .filter(Div.class::isInstance).map(Div.class::cast).findFirst().orElseThrow();
        assertThat(shown.getText()).isEqualTo("<script>alert('x')</script> Why?");
        assertThat(shown.getElement().getChildren()).allMatch(com.vaadin.flow.dom.Element::isTextNode);
        test(find(Button.class).withId("question-" + asked.id() + "-upvote").single()).click();
        assertThat(find(Button.class).withId("question-" + asked.id() + "-upvote").single().isEnabled()).isFalse();

        Actors.as(world.instructorA(), () -> qa.answer(asked.id(), "Because it helps."));
        Actors.login(world.studentsA().get(1));
        awaitPush("the answer", () -> find(Div.class).withClassName("question-answer").single().getText()
                .equals("Answer: Because it helps."));
    }

    @Test
    void the_facilitator_moderates_questions_from_the_console() {
        QuestionView q = Actors.as(world.studentA(), () -> qa.ask(session.id(), "Can I share my screen?", false));
        open(world.instructorA(), "sessions/" + session.id() + "/facilitate");
        test(find(Button.class).withId("question-" + q.id() + "-pin").single()).click();
        test(find(Button.class).withId("question-" + q.id() + "-answered").single()).click();
        QuestionView after = Actors.as(world.instructorA(), () -> qa.questions(session.id(), QuestionOrder.TOP)).getFirst();
        assertThat(after.pinned()).isTrue();
        assertThat(after.answered()).isTrue();
    }

    @Test
    void announcements_reach_participants_live() {
        open(world.studentA(), "sessions/" + session.id());
        Actors.as(world.instructorA(), () -> liveSessions.announce(session.id(), "Ten-minute break"));
        Actors.login(world.studentA());
        awaitPush("the announcement", () -> find(Div.class).withId("announcements").single().getElement().getTextRecursively()
                .contains("Ten-minute break"));
    }

    @Test
    void ending_the_session_reaches_the_participant_without_refresh() {
        open(world.studentA(), "sessions/" + session.id());
        assertThat(text("session-status")).isEqualTo("Live now");
        Actors.as(world.instructorA(), () -> liveSessions.end(session.id()));
        Actors.login(world.studentA());
        awaitPush("the end", () -> text("session-status").equals("Ended"));
        assertThat(text("participant-state")).isEqualTo("This session has ended.");
    }

    @Test
    void presence_counts_the_learners_in_the_session() {
        open(world.studentA(), "sessions/" + session.id());
        assertThat(text("presence-count")).isEqualTo("1 learner here");
    }

    @Test
    void learners_cannot_open_the_console_and_other_cohorts_cannot_open_the_session() {
        open(world.studentA(), "sessions/" + session.id() + "/facilitate");
        assertThat(getCurrentView()).isNotInstanceOf(FacilitatorView.class);
        open(world.studentB(), "sessions/" + session.id());
        assertThat(getCurrentView()).isNotInstanceOf(ParticipantView.class);
        open(world.instructorB(), "sessions/" + session.id() + "/facilitate");
        assertThat(getCurrentView()).isNotInstanceOf(FacilitatorView.class);
    }
}
