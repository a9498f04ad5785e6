package org.academy.qa.ui;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.LiveUpdates;
import org.academy.livesession.SessionContext;
import org.academy.livesession.SessionStatus;
import org.academy.qa.QaService;
import org.academy.qa.QaTopics;
import org.academy.qa.QuestionChanged;
import org.academy.qa.QuestionOrder;
import org.academy.qa.QuestionView;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;

/**
 * Questions of a session, sorted by votes or time. Items are kept across pushes and only
 * reordered, so an instructor typing an answer keeps their text while new votes arrive.
 */
final class QaPanel extends VerticalLayout {

    private final QaService qa;
    private final SessionContext context;
    private final boolean facilitator;
    private final Select<QuestionOrder> order = new Select<>();
    private final Div list = new Div();
    private final Span empty = new Span();
    private final Map<Long, QuestionItem> items = new HashMap<>();

    QaPanel(QaService qa, TopicHub hub, SessionContext context, boolean facilitator) {
        this.qa = qa;
        this.context = context;
        this.facilitator = facilitator;
        setPadding(false);
        addClassName("panel");
        setId("qa");
        order.setItems(QuestionOrder.values());
        order.setItemLabelGenerator(o -> getTranslation(o == QuestionOrder.TOP ? "qa.order.top" : "qa.order.newest"));
        order.setValue(QuestionOrder.TOP);
        order.setId("qa-order");
        order.addValueChangeListener(e -> refresh());
        HorizontalLayout heading = new HorizontalLayout(new H3(getTranslation("qa.title")), order);
        empty.setText(getTranslation("qa.empty"));
        heading.setAlignItems(Alignment.BASELINE);
        add(heading);
        if (!facilitator && context.session().status() != SessionStatus.ENDED) {
            add(askForm());
        }
        list.setWidthFull();
        list.setId("questions");
        add(empty, list);
        refresh();
        LiveUpdates.bind(this, hub, QaTopics.session(context.session().id()), this::changed);
    }

    private void changed(List<QuestionChanged> events) {
        refresh();
    }

    void refresh() {
        List<QuestionView> questions = qa.questions(context.session().id(), order.getValue());
        empty.setVisible(questions.isEmpty());
        Set<Long> seen = new HashSet<>();
        List<QuestionItem> ordered = new java.util.ArrayList<>(questions.size());
        for (QuestionView q : questions) {
            seen.add(q.id());
            QuestionItem item = items.computeIfAbsent(q.id(), id -> new QuestionItem(qa, facilitator,
                    context.session().status() == SessionStatus.ENDED, this::refresh));
            item.show(q);
            ordered.add(item);
        }
        // Re-laid out only when the order or the set of questions changed: an upvote that moves
        // nothing leaves the list as it is, instead of removing and adding every item again.
        if (!list.getChildren().toList().equals(ordered)) {
            list.removeAll();
            ordered.forEach(list::add);
        }
        items.keySet().retainAll(seen);
    }

    private VerticalLayout askForm() {
        TextArea text = new TextArea();
        text.setId("question-text");
        text.setPlaceholder(getTranslation("qa.placeholder"));
        text.setAriaLabel(getTranslation("qa.your-question"));
        text.setMaxLength(QaService.MAX_QUESTION);
        text.setValueChangeMode(ValueChangeMode.EAGER);
        text.setHelperText("0/" + QaService.MAX_QUESTION);
        text.addValueChangeListener(e -> text.setHelperText(e.getValue().length() + "/" + QaService.MAX_QUESTION));
        text.setWidthFull();
        Checkbox anonymous = new Checkbox(getTranslation("qa.anonymously"));
        anonymous.setId("question-anonymous");
        Button ask = new Button(getTranslation("qa.ask"), e -> {
            qa.ask(context.session().id(), text.getValue(), anonymous.getValue());
            text.clear();
            refresh();
        });
        ask.setId("ask");
        ask.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout form = new VerticalLayout(text, new HorizontalLayout(ask, anonymous));
        form.setPadding(false);
        return form;
    }
}
