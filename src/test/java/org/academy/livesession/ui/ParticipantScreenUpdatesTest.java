package org.academy.livesession.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.internal.change.NodeChange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a participant's screen costs on the server: a push after a vote changes a few values of
 * the poll card in place (the state-tree diff Flow sends is counted), and the screen is small.
 */
class ParticipantScreenUpdatesTest extends BrowserlessUiTest {

    @Autowired
    Sessions sessions;
    @Autowired
    PollService polls;

    World world;
    SessionSummary session;

    @BeforeEach
    void setUp() {
        world = fixtures.world();
        session = sessions.liveSessionOfA(world);
    }

    @Test
    void a_vote_by_someone_else_changes_only_the_tally_and_the_bars_of_the_options_it_moved() {
        PollView poll = openPoll("Ready?", List.of("Yes", "No", "Maybe", "Later"));
        open(world.studentA(), "sessions/" + session.id());
        @SuppressWarnings("unchecked")
        RadioButtonGroup<Object> choice = find(RadioButtonGroup.class).single();
        Button vote = find(Button.class).withId("poll-" + poll.id() + "-vote").single();
        List<ProgressBar> bars = find(ProgressBar.class).all();
        test(choice).selectItem("Maybe");
        changes();

        voteAs(world.studentsA().get(1), poll, 0);
        List<NodeChange> first = changesAfterPush("1 vote");
        voteAs(world.studentsA().get(2), poll, 1);
        List<NodeChange> second = changesAfterPush("2 votes");

        System.out.println("[screen] changes pushed after a vote: first " + first.size() + " " + describe(first)
                + ", second " + second.size() + " " + describe(second));
        // Only the tally and the result rows change (a figure and a bar per option whose count moved):
        // nothing of the ballot, the question or the other panels, and no rebuilt nodes.
        // First vote: the tally, and "Yes" going to 1 (100 %), its figure and its bar. Second: the tally, "Yes"
        // down to 50 % and "No" up to it, a figure and a bar each.
        // (3 and 5 changes when each text is one text node's value; up to 7 and 11 when a text node is replaced.)
        assertThat(first).as(describe(first)).isNotEmpty().hasSizeLessThanOrEqualTo(7)
                .allMatch(this::inResults, "in the tally or the result rows");
        assertThat(second).as(describe(second)).isNotEmpty().hasSizeLessThanOrEqualTo(11)
                .allMatch(this::inResults, "in the tally or the result rows");
        assertThat(find(RadioButtonGroup.class).single()).isSameAs(choice);
        assertThat(find(Button.class).withId("poll-" + poll.id() + "-vote").single()).isSameAs(vote);
        assertThat(find(ProgressBar.class).all()).containsExactlyElementsOf(bars);
        assertThat(choice.getValue()).extracting(Object::toString).asString().contains("Maybe");
    }

    @Test
    void the_participant_screen_stays_small() {
        openPoll("Ready?", List.of("Yes", "No", "Maybe", "Later"));
        open(world.studentA(), "sessions/" + session.id());
        UI ui = UI.getCurrent();
        int[] nodes = {0};
        ui.getInternals().getStateTree().getRootNode().visitNodeTree(n -> nodes[0]++);
        long components = descendants(ui);
        System.out.println("[screen] participant view with one open poll: " + components + " components, "
                + nodes[0] + " state nodes");
        assertThat(components).isLessThan(200);
    }

    /** The changed node is the tally, or inside the result rows (a figure's text, a bar). */
    private boolean inResults(NodeChange change) {
        Element element;
        try {
            element = Element.get(change.getNode());
        } catch (RuntimeException notAnElement) {
            return false;
        }
        for (Element e = element; e != null; e = e.getParent()) {
            if (!e.isTextNode() && (e.getClassList().contains("poll-voters") || e.getClassList().contains("poll-results"))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(List<NodeChange> changes) {
        return changes.stream().map(c -> {
            String what;
            try {
                Element e = Element.get(c.getNode());
                what = e.isTextNode() ? "#text(" + e.getText() + ")" : e.getTag();
            } catch (RuntimeException notAnElement) {
                what = "node " + c.getNode().getId();
            }
            return c.getClass().getSimpleName() + ":" + what
                    + (c instanceof com.vaadin.flow.internal.change.MapPutChange put ? "." + put.getKey() : "");
        }).toList().toString();
    }

    private static long descendants(Component c) {
        return 1 + c.getChildren().mapToLong(ParticipantScreenUpdatesTest::descendants).sum();
    }

    private PollView openPoll(String question, List<String> options) {
        return Actors.as(world.instructorA(), () -> {
            PollView p = polls.create(session.id(), new NewPoll(question, options, false, Set.of()));
            polls.open(p.id());
            return polls.setResultsVisible(p.id(), true);
        });
    }

    private void voteAs(org.academy.identity.PersonSummary voter, PollView poll, int option) {
        Actors.as(voter, () -> polls.vote(poll.id(), Set.of(poll.options().get(option).id())));
        Actors.login(world.studentA());
    }

    private List<NodeChange> changesAfterPush(String tally) {
        awaitPush(tally, () -> find(Span.class).withClassName("poll-voters").single().getText().equals(tally));
        return changes();
    }

    /** What the next response to the browser would carry, as Flow collects it (and forgets it then). */
    private static List<NodeChange> changes() {
        UI ui = UI.getCurrent();
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        List<NodeChange> changes = new ArrayList<>();
        ui.getInternals().getStateTree().collectChanges(changes::add);
        return changes;
    }
}
