package org.academy.livesession.ui;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.poll.NewPoll;
import org.academy.poll.PollService;
import org.academy.poll.PollView;
import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;

import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 10, items 8, 9 and 14: what learners see when voting closes, a session ends or starts. */
class LiveSessionEdgesViewsTest extends BrowserlessUiTest {

    @Autowired
    Sessions sessions;
    @Autowired
    PollService polls;
    @Autowired
    LiveSessionService liveSessions;
    @Autowired
    org.academy.cohort.CohortService cohortService;

    World world;
    SessionSummary session;

    @BeforeEach
    void setUp() {
        world = fixtures.world();
        session = sessions.liveSessionOfA(world);
    }

    private PollView openPoll() {
        return Actors.as(world.instructorA(), () -> {
            PollView p = polls.create(session.id(), new NewPoll("Ready?", List.of("Yes", "No"), false, Set.of()));
            return polls.open(p.id());
        });
    }

    private String ballotText(PollView poll) {
        return find(Span.class).withClassName("poll-closed-note").all().stream().map(Span::getText)
                .findFirst().orElse("");
    }

    /** What Flow does with a click that arrives from the browser: it runs the DOM listeners of the element. */
    private static void clickFromBrowser(Component c) {
        c.getElement().getNode().getFeature(ElementListenerMap.class)
                .fireEvent(new DomEvent(c.getElement(), "click", JsonNodeFactory.instance.objectNode()));
    }

    @Test
    void a_vote_sent_just_before_voting_closed_tells_the_learner_it_closed_and_shows_the_final_state() {
        PollView poll = openPoll();
        open(world.studentA(), "sessions/" + session.id());
        @SuppressWarnings("unchecked")
        RadioButtonGroup<Object> choice = find(RadioButtonGroup.class).single();
        test(choice).selectItem("Yes");
        Button vote = find(Button.class).withId("poll-" + poll.id() + "-vote").single();

        // Voting closes; the learner's click is already on its way, and no push has arrived yet.
        Actors.as(world.instructorA(), () -> polls.close(poll.id()));
        Actors.login(world.studentA());
        test(vote).click();

        assertThat(ballotText(poll)).isEqualTo("Voting on this poll has closed. You did not vote.");
        assertThat(find(Span.class).withClassName("poll-status").single().getText()).startsWith("Closed");
        assertThat(Actors.as(world.instructorA(), () -> polls.polls(session.id())).getFirst().voters()).isZero();
    }

    @Test
    void a_vote_arriving_after_the_closing_push_is_answered_too_not_dropped_with_the_disabled_button() {
        PollView poll = openPoll();
        open(world.studentA(), "sessions/" + session.id());
        @SuppressWarnings("unchecked")
        RadioButtonGroup<Object> choice = find(RadioButtonGroup.class).single();
        test(choice).selectItem("No");
        Button vote = find(Button.class).withId("poll-" + poll.id() + "-vote").single();

        Actors.as(world.instructorA(), () -> polls.close(poll.id()));
        Actors.login(world.studentA());
        awaitPush("voting closed on the learner's card", () -> !vote.isEnabled());
        assertThat(ballotText(poll)).isEqualTo("Voting on this poll has closed. You did not vote.");
        assertThat(vote.isAttached()).as("kept on the page, so a click in flight still has somewhere to land").isTrue();

        // The click the learner made just before the push reached their browser.
        clickFromBrowser(vote);
        assertThat(ballotText(poll)).isEqualTo("Voting on this poll has closed. You did not vote.");
        assertThat(find(Span.class).withClassName("poll-closed-note").all()).hasSize(1);
        assertThat(Actors.as(world.instructorA(), () -> polls.polls(session.id())).getFirst().voters()).isZero();
    }

    @Test
    void a_learner_who_voted_sees_their_final_vote_when_voting_closes() {
        PollView poll = openPoll();
        open(world.studentA(), "sessions/" + session.id());
        @SuppressWarnings("unchecked")
        RadioButtonGroup<Object> choice = find(RadioButtonGroup.class).single();
        test(choice).selectItem("Yes");
        test(find(Button.class).withId("poll-" + poll.id() + "-vote").single()).click();

        Actors.as(world.instructorA(), () -> polls.close(poll.id()));
        Actors.login(world.studentA());
        awaitPush("voting closed", () -> ballotText(poll).equals("Voting on this poll has closed. Your vote: Yes."));
    }

    @Test
    void when_the_session_ends_the_ask_box_the_reactions_and_the_ballots_go_without_a_reload() {
        PollView poll = openPoll();
        open(world.studentA(), "sessions/" + session.id());
        assertThat(find(TextArea.class).withId("question-text").all()).hasSize(1);
        assertThat(find(Button.class).withId("react-APPLAUSE").all()).hasSize(1);
        assertThat(find(Button.class).withId("poll-" + poll.id() + "-vote").all()).hasSize(1);

        Actors.as(world.instructorA(), () -> liveSessions.end(session.id()));
        Actors.login(world.studentA());
        awaitPush("the end", () -> find(Span.class).withId("participant-state").single().getText()
                .equals("This session has ended."));
        assertThat(find(TextArea.class).withId("question-text").all()).isEmpty();
        assertThat(find(Button.class).withId("react-APPLAUSE").all()).isEmpty();
        assertThat(find(Button.class).withId("ask").all()).isEmpty();
        assertThat(find(Button.class).withId("poll-" + poll.id() + "-vote").all()).isEmpty();
    }

    @Test
    void reactions_appear_for_a_learner_waiting_when_the_session_starts() {
        SessionSummary later = Actors.as(world.instructorA(), () -> {
            Instant start = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
            return liveSessions.schedule(world.cohortA().id(), "Day 2", start, start.plus(1, ChronoUnit.HOURS));
        });
        open(world.studentA(), "sessions/" + later.id());
        assertThat(find(Button.class).withId("react-APPLAUSE").all()).isEmpty();
        Actors.as(world.instructorA(), () -> liveSessions.start(later.id()));
        Actors.login(world.studentA());
        awaitPush("the start", () -> find(Button.class).withId("react-APPLAUSE").all().size() == 1);
    }

    @Test
    void a_learner_reading_a_lesson_is_told_live_when_a_session_starts_and_joins_in_one_click() {
        SessionSummary later = Actors.as(world.instructorA(), () -> {
            Instant start = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
            return liveSessions.schedule(world.cohortA().id(), "Day 2 kick-off", start, start.plus(1, ChronoUnit.HOURS));
        });
        long lesson = world.courseA().lessons().getFirst().id();
        open(world.studentA(), "learn/" + world.cohortA().id() + "/lesson/" + lesson);
        assertThat(find(Anchor.class).withId("live-now-join-" + later.id()).all()).isEmpty();
        // The session that is already live shows at once.
        assertThat(find(Anchor.class).withId("live-now-join-" + session.id()).single().getHref())
                .isEqualTo("sessions/" + session.id());

        Actors.as(world.instructorA(), () -> liveSessions.start(later.id()));
        Actors.login(world.studentA());
        awaitPush("Live now — Join on the lesson page", () -> find(Anchor.class).withId("live-now-join-" + later.id()).all().size() == 1);
        assertThat(find(Span.class).withClassName("live-now-label").all()).extracting(Span::getText)
                .contains("Live now: Day 2 kick-off —");
        assertThat(find(Anchor.class).withId("live-now-join-" + later.id()).single().getHref()).isEqualTo("sessions/" + later.id());

        Actors.as(world.instructorA(), () -> liveSessions.end(later.id()));
        Actors.login(world.studentA());
        awaitPush("gone when it ends", () -> find(Anchor.class).withId("live-now-join-" + later.id()).all().isEmpty());
    }

    @Test
    void the_notice_is_not_shown_on_the_session_page_itself_nor_to_other_cohorts_or_staff() {
        open(world.studentA(), "sessions/" + session.id());
        assertThat(find(Anchor.class).withId("live-now-join-" + session.id()).all()).isEmpty();
        open(world.studentB(), "");
        assertThat(find(Anchor.class).withId("live-now-join-" + session.id()).all()).isEmpty();
        open(world.instructorA(), "");
        assertThat(find(Anchor.class).withId("live-now-join-" + session.id()).all()).isEmpty();
    }

    @Test
    void another_person_signing_in_on_the_same_tab_gets_their_own_notice_and_a_learner_removed_from_the_cohort_no_error() {
        open(world.studentA(), "");
        assertThat(find(Anchor.class).withId("live-now-join-" + session.id()).all()).hasSize(1);
        open(world.studentB(), "");
        assertThat(find(Anchor.class).withId("live-now-join-" + session.id()).all()).isEmpty();

        open(world.studentA(), "");
        org.academy.security.SystemActor.run(() -> cohortService.unenrol(world.cohortA().id(), world.studentA().id()));
        Actors.login(world.studentA());
        open(world.studentA(), "chat");
        assertThat(find(Anchor.class).withId("live-now-join-" + session.id()).all()).isEmpty();
    }
}
