package org.academy.poll.ui;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.academy.base.InvalidRequestException;
import org.academy.base.push.TopicHub;
import org.academy.base.ui.LiveUpdates;
import org.academy.livesession.SessionContext;
import org.academy.livesession.SessionStatus;
import org.academy.poll.NewPoll;
import org.academy.poll.PollChanged;
import org.academy.poll.PollService;
import org.academy.poll.PollView;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

/**
 * The polls of a session. Each poll is a card kept across pushes and updated in place, so a
 * learner's half-made choice survives other people's votes arriving.
 */
final class PollPanel extends VerticalLayout {

    private final PollService polls;
    private final SessionContext context;
    private final boolean facilitator;
    private final Div cards = new Div();
    private final Map<Long, PollCard> byId = new LinkedHashMap<>();
    private final Span empty = new Span();

    PollPanel(PollService polls, TopicHub hub, SessionContext context, boolean facilitator) {
        this.polls = polls;
        this.context = context;
        this.facilitator = facilitator;
        setPadding(false);
        addClassName("panel");
        setId("polls");
        add(new H3(getTranslation("poll.title")));
        empty.setText(getTranslation("poll.empty"));
        if (facilitator && context.session().status() != SessionStatus.ENDED) {
            add(createForm());
        }
        cards.setWidthFull();
        add(empty, cards);
        refresh();
        LiveUpdates.bind(this, hub, org.academy.poll.PollTopics.session(context.session().id()), this::changed);
    }

    private void changed(List<PollChanged> events) {
        refresh();
    }

    void refresh() {
        List<PollView> current = polls.polls(context.session().id());
        empty.setVisible(current.isEmpty());
        Set<Long> seen = new HashSet<>();
        for (PollView poll : current) {
            seen.add(poll.id());
            byId.computeIfAbsent(poll.id(), id -> {
                PollCard card = new PollCard(polls, facilitator,
                        context.session().status() == SessionStatus.ENDED, this::refresh);
                cards.addComponentAsFirst(card);
                return card;
            }).show(poll);
        }
        byId.entrySet().removeIf(e -> {
            if (!seen.contains(e.getKey())) {
                cards.remove(e.getValue());
                return true;
            }
            return false;
        });
    }

    private Details createForm() {
        TextField question = new TextField("Question");
        question.setId("poll-question");
        question.setMaxLength(PollService.MAX_QUESTION);
        question.setWidthFull();
        question.setValueChangeMode(ValueChangeMode.EAGER);
        TextArea options = new TextArea("Options, one per line (2 to 10)");
        options.setId("poll-options");
        options.setWidthFull();
        // The browser stops a paste at this length; a crafted request over it is refused below.
        options.setMaxLength(PollService.MAX_OPTIONS_TEXT);
        // Eager, not lazy: a click on "Create poll" right after typing must find on the server what
        // the instructor sees. A debounced value would still be waiting in the browser.
        options.setValueChangeMode(ValueChangeMode.EAGER);
        Checkbox multiple = new Checkbox("Several answers allowed");
        multiple.setId("poll-multiple");
        CheckboxGroup<Integer> correct = new CheckboxGroup<>("Correct answers (optional, makes it a quiz)");
        correct.setId("poll-correct");
        options.addValueChangeListener(e -> {
            boolean tooLong = e.getValue().length() > PollService.MAX_OPTIONS_TEXT;
            options.setInvalid(tooLong);
            options.setErrorMessage(tooLong ? "At most " + PollService.MAX_OPTIONS + " options of "
                    + PollService.MAX_OPTION_LENGTH + " characters." : null);
            List<String> lines = tooLong ? List.of() : lines(e.getValue());
            correct.setItems(IntStream.range(0, lines.size()).boxed().toList());
            correct.setItemLabelGenerator(i -> i < lines.size() ? lines.get(i) : "");
        });
        Button create = new Button("Create poll", e -> {
            if (options.getValue().length() > PollService.MAX_OPTIONS_TEXT) {
                throw new InvalidRequestException("A poll needs 2 to " + PollService.MAX_OPTIONS + " options of at most "
                        + PollService.MAX_OPTION_LENGTH + " characters.");
            }
            polls.create(context.session().id(), new NewPoll(question.getValue(), lines(options.getValue()),
                    multiple.getValue(), correct.getValue()));
            refresh();
            question.clear();
            options.clear();
            multiple.clear();
            correct.clear();
        });
        create.setId("create-poll");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout form = new VerticalLayout(question, options, multiple, correct, create);
        form.setPadding(false);
        Details details = new Details("New poll", form);
        details.setOpened(true);
        details.setWidthFull();
        return details;
    }

    /** One more than a poll may have, so that too many still shows as too many without listing them all. */
    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty())
                .limit(PollService.MAX_OPTIONS + 1).toList();
    }
}
