package org.academy.poll.ui;

import java.util.Objects;
import java.util.Set;

import org.academy.base.InvalidRequestException;
import org.academy.poll.PollOptionResult;
import org.academy.poll.PollService;
import org.academy.poll.PollStatus;
import org.academy.poll.PollView;

import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.dom.DisabledUpdateMode;

/** One poll: the question, the facilitator's controls or the learner's ballot, and the result bars. */
final class PollCard extends VerticalLayout {

    private final PollService polls;
    private final boolean facilitator;
    /** Voting never reopens in an ended session; revealing its results still may. */
    private final boolean sessionEnded;
    private final Span question = new Span();
    private final Span status = new Span();
    private final HorizontalLayout controls = new HorizontalLayout();
    private final Div ballot = new Div();
    private final Div results = new Div();
    private final Span voters = new Span();
    /**
     * The tally as a text node of its own: setting a Span's text replaces its text node (three
     * changes in the push: clear, add, the new node's text); setting this node's text is one.
     */
    private final Text votersText = new Text("");
    private PollView shown;
    private final java.util.List<ResultRow> resultRows = new java.util.ArrayList<>();

    private final Runnable afterAction;

    /** @param afterAction reloads the panel, so whoever acted sees the result at once, not on the next push */
    PollCard(PollService polls, boolean facilitator, boolean sessionEnded, Runnable afterAction) {
        this.polls = polls;
        this.facilitator = facilitator;
        this.sessionEnded = sessionEnded;
        this.afterAction = afterAction;
        addClassName("poll-card");
        setPadding(true);
        getStyle().set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-l)");
        question.addClassName("poll-question");
        question.getStyle().set("font-weight", "600");
        status.addClassName("poll-status");
        voters.addClassName("poll-voters");
        voters.addClassName("live-status");
        voters.add(votersText);
        results.addClassName("poll-results");
        results.setWidthFull();
        add(new HorizontalLayout(question, status), controls, ballot, results, voters);
    }

    /**
     * Shows a newer version of the poll in place. Only what differs from the version shown is set:
     * on a vote that is the tally and the bars of the options whose figures moved, so the push
     * carries a few changed values and no component is rebuilt.
     */
    void show(PollView poll) {
        PollView previous = shown;
        boolean rebuildBallot = previous == null || previous.status() != poll.status() || previous.run() != poll.run()
                || !Objects.equals(previous.myChoice(), poll.myChoice());
        shown = poll;
        if (previous == null) {
            setId("poll-" + poll.id());
        }
        if (previous == null || !previous.question().equals(poll.question())) {
            question.setText(poll.question());
        }
        if (previous == null || previous.status() != poll.status() || previous.run() != poll.run()
                || previous.multipleChoice() != poll.multipleChoice() || previous.quiz() != poll.quiz()
                || previous.resultsShown() != poll.resultsShown()) {
            status.setText(label(poll));
            status.getElement().setAttribute("theme", poll.status() == PollStatus.OPEN ? "badge success" : "badge contrast");
        }
        if (facilitator) {
            if (previous == null || previous.status() != poll.status() || previous.resultsVisible() != poll.resultsVisible()) {
                showControls(poll);
            }
        } else if (closedUnderBallot(previous, poll)) {
            closeBallot(poll, null);
        } else if (rebuildBallot) {
            showBallot(poll);
        }
        showResults(previous, poll);
    }

    private String label(PollView poll) {
        String state = switch (poll.status()) {
            case DRAFT -> getTranslation("poll.status.draft");
            case OPEN -> getTranslation("poll.status.open");
            case CLOSED -> getTranslation("poll.status.closed");
        };
        return state + (poll.run() > 1 ? " · run " + poll.run() : "") + (poll.multipleChoice() ? " · several answers" : "")
                + (poll.quiz() && poll.resultsShown() ? " · quiz" : "");
    }

    private void showControls(PollView poll) {
        controls.removeAll();
        long id = poll.id();
        if (sessionEnded) {
            // nothing to open or close
        } else if (poll.status() != PollStatus.OPEN) {
            controls.add(button(poll.status() == PollStatus.DRAFT ? "Open voting" : "Reopen", "open", () -> polls.open(id)));
        } else {
            controls.add(button("Close voting", "close", () -> polls.close(id)));
        }
        controls.add(poll.resultsVisible()
                ? button("Hide results", "hide", () -> polls.setResultsVisible(id, false))
                : button("Reveal results", "reveal", () -> polls.setResultsVisible(id, true)));
        if (poll.status() != PollStatus.DRAFT && !sessionEnded) {
            controls.add(button("Re-run", "rerun", () -> polls.rerun(id)));
        }
    }

    private Button button(String text, String action, Runnable call) {
        Button b = new Button(text, e -> {
            call.run();
            afterAction.run();
        });
        b.setId("poll-" + shown.id() + "-" + action);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return b;
    }

    private void showBallot(PollView poll) {
        ballot.removeAll();
        if (poll.status() != PollStatus.OPEN) {
            if (!poll.myChoice().isEmpty()) {
                ballot.add(new Span(getTranslation("poll.you-voted", choiceLabels(poll))));
            }
            return;
        }
        Button vote = new Button(getTranslation(poll.myChoice().isEmpty() ? "poll.vote" : "poll.change-vote"));
        vote.setId("poll-" + poll.id() + "-vote");
        vote.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        if (poll.multipleChoice()) {
            CheckboxGroup<PollOptionResult> choice = new CheckboxGroup<>();
            choice.setId("poll-" + poll.id() + "-choice");
            // Named for screen readers: the group's options alone do not say what they answer.
            choice.setAriaLabel(poll.question());
            choice.setItems(poll.options());
            choice.setItemLabelGenerator(PollOptionResult::label);
            choice.setValue(poll.options().stream().filter(o -> poll.myChoice().contains(o.id()))
                    .collect(java.util.stream.Collectors.toSet()));
            onVote(vote, () -> choice.getValue().stream().map(PollOptionResult::id)
                    .collect(java.util.stream.Collectors.toSet()));
            ballot.add(choice, vote);
        } else {
            RadioButtonGroup<PollOptionResult> choice = new RadioButtonGroup<>();
            choice.setId("poll-" + poll.id() + "-choice");
            choice.setAriaLabel(poll.question());
            choice.setItems(poll.options());
            choice.setItemLabelGenerator(PollOptionResult::label);
            poll.options().stream().filter(o -> poll.myChoice().contains(o.id())).findFirst().ifPresent(choice::setValue);
            onVote(vote, () -> choice.getValue() == null ? Set.of() : Set.of(choice.getValue().id()));
            ballot.add(choice, vote);
        }
        if (!poll.myChoice().isEmpty()) {
            ballot.add(new Span(" Your vote: " + choiceLabels(poll)));
        }
    }

    /**
     * The click is taken even once the button is disabled: a vote sent just before voting closed
     * still reaches the service, which refuses it, and the learner is told so instead of the click
     * vanishing (Flow drops component events of disabled and removed components without a word;
     * only an element listener that asks for it hears them).
     */
    private void onVote(Button vote, java.util.function.Supplier<Set<Long>> choice) {
        vote.addClickListener(e -> vote(choice));
        vote.getElement().addEventListener("click", e -> {
            if (!vote.isEnabled()) {
                vote(choice);
            }
        }).setDisabledUpdateMode(DisabledUpdateMode.ALWAYS);
    }

    private void vote(java.util.function.Supplier<Set<Long>> choice) {
        try {
            show(polls.vote(shown.id(), choice.get()));
        } catch (InvalidRequestException refused) {
            if (shown.status() == PollStatus.OPEN) {
                // Refused while this card still thinks voting is open: it closed meanwhile.
                afterAction.run();
            }
            if (shown.status() == PollStatus.OPEN) {
                throw refused;
            }
            closeBallot(shown, CLOSED_NOTE);
        }
    }

    static final String CLOSED_NOTE = "Voting on this poll has closed.";

    /** Voting closed under a ballot the learner may be using: keep it, disabled, with the final state. */
    private static boolean closedUnderBallot(PollView before, PollView now) {
        return before != null && before.status() == PollStatus.OPEN && now.status() == PollStatus.CLOSED
                && before.run() == now.run();
    }

    private void closeBallot(PollView poll, String note) {
        ballot.getChildren().forEach(c -> {
            if (c instanceof com.vaadin.flow.component.HasEnabled h && !(c instanceof Span)) {
                h.setEnabled(false);
            }
        });
        ballot.getChildren().filter(c -> c.getClassNames().contains("poll-closed-note")).toList().forEach(ballot::remove);
        Span closed = new Span((note == null ? CLOSED_NOTE : note) + " " + (poll.myChoice().isEmpty()
                ? "You did not vote." : "Your vote: " + choiceLabels(poll) + "."));
        closed.addClassName("poll-closed-note");
        closed.getElement().setAttribute("role", "status");
        ballot.getChildren().filter(c -> c instanceof Span && !c.getClassNames().contains("poll-closed-note"))
                .toList().forEach(ballot::remove);
        ballot.add(closed);
    }

    private static String choiceLabels(PollView poll) {
        return String.join(", ", poll.options().stream().filter(o -> poll.myChoice().contains(o.id()))
                .map(PollOptionResult::label).toList());
    }

    private void showResults(PollView previous, PollView poll) {
        if (!poll.resultsShown()) {
            if (previous == null || previous.resultsShown()) {
                results.removeAll();
                resultRows.clear();
                votersText.setText(facilitator ? "" : getTranslation("poll.results-later"));
            }
            return;
        }
        if (resultRows.size() != poll.options().size()) {
            results.removeAll();
            resultRows.clear();
            for (PollOptionResult option : poll.options()) {
                ResultRow row = new ResultRow(option.id());
                resultRows.add(row);
                results.add(row.layout);
            }
        }
        for (int i = 0; i < poll.options().size(); i++) {
            resultRows.get(i).show(poll.options().get(i));
        }
        if (previous == null || !Objects.equals(previous.voters(), poll.voters())) {
            votersText.setText(poll.voters() + (poll.voters() == 1 ? " vote" : " votes"));
        }
    }

    private static final class ResultRow {
        private final Span label = new Span();
        private final ProgressBar bar = new ProgressBar(0, 100, 0);
        private final Span figure = new Span();
        private final Text figureText = new Text("");
        private final HorizontalLayout layout;
        private PollOptionResult shown;

        ResultRow(long optionId) {
            label.getStyle().set("min-width", "12em");
            bar.getStyle().set("flex", "1");
            figure.addClassName("poll-count");
            figure.add(figureText);
            figure.getElement().setAttribute("data-option", Long.toString(optionId));
            layout = new HorizontalLayout(label, bar, figure);
            layout.setWidthFull();
            layout.setAlignItems(Alignment.CENTER);
        }

        /** Views of one version share their option results, so an unchanged option is skipped by identity. */
        void show(PollOptionResult option) {
            if (option.equals(shown)) {
                return;
            }
            if (shown == null || !shown.label().equals(option.label()) || !Objects.equals(shown.correct(), option.correct())) {
                label.setText(option.label() + (Boolean.TRUE.equals(option.correct()) ? " ✓" : ""));
                bar.getElement().setAttribute("aria-label", option.label());
            }
            if (shown == null || !Objects.equals(shown.percent(), option.percent())) {
                bar.setValue(option.percent());
            }
            figureText.setText(option.votes() + " (" + option.percent() + " %)");
            shown = option;
        }
    }
}
