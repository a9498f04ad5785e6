package org.academy.qa.ui;

import org.academy.qa.QaService;
import org.academy.qa.QuestionStatus;
import org.academy.qa.QuestionView;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;

/** One question with its badges, upvote button (learners) or moderation controls (facilitator). */
final class QuestionItem extends VerticalLayout {

    private final QaService qa;
    private final boolean facilitator;
    /** The summary of an ended session is final: no upvotes or moderation to offer. */
    private final boolean sessionEnded;
    private final Div text = new Div();
    private final Span meta = new Span();
    private final HorizontalLayout badges = new HorizontalLayout();
    private final Div answer = new Div();
    private final HorizontalLayout actions = new HorizontalLayout();
    private final TextField answerField = new TextField();
    private final Runnable afterAction;
    private QuestionView shown;

    /** @param afterAction reloads the list, so whoever acted sees the result at once, not on the next push */
    QuestionItem(QaService qa, boolean facilitator, boolean sessionEnded, Runnable afterAction) {
        this.qa = qa;
        this.facilitator = facilitator;
        this.sessionEnded = sessionEnded;
        this.afterAction = afterAction;
        addClassName("question");
        setPadding(true);
        setSpacing(false);
        getStyle().set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
        meta.addClassName("live-status");
        answer.addClassName("question-answer");
        answerField.setPlaceholder("Answer in text");
        answerField.setMaxLength(QaService.MAX_ANSWER);
        add(text, meta, badges, answer, actions);
    }

    /**
     * Shows a newer version of the question in place: texts are set only when they differ, and the
     * badges and buttons are built again only when what they show changed, so a push for another
     * question's upvote costs this item nothing.
     */
    void show(QuestionView q) {
        QuestionView previous = shown;
        shown = q;
        if (previous == null) {
            setId("question-" + q.id());
        }
        // As typed: text content, never markup.
        if (previous == null || !previous.text().equals(q.text())) {
            text.setText(q.text());
        }
        String author = q.authorName() == null ? "Anonymous" : q.authorName() + (q.anonymous() ? " (anonymous to the cohort)" : "");
        meta.setText(author + " · " + q.upvotes() + (q.upvotes() == 1 ? " upvote" : " upvotes"));
        boolean badgesChanged = previous == null || previous.pinned() != q.pinned() || previous.answered() != q.answered()
                || previous.status() != q.status();
        if (badgesChanged) {
            badges.removeAll();
            if (q.pinned()) {
                badges.add(badge("Pinned", "contrast"));
            }
            if (q.answered()) {
                badges.add(badge("Answered", "success"));
            }
            if (q.status() == QuestionStatus.PENDING) {
                badges.add(badge("Waiting for approval", ""));
            }
            if (q.status() == QuestionStatus.HIDDEN) {
                badges.add(badge("Hidden", "error"));
            }
        }
        answer.setText(q.answer() == null ? "" : "Answer: " + q.answer());
        if (!badgesChanged && previous.mine() == q.mine() && previous.upvotedByMe() == q.upvotedByMe()
                && previous.upvotes() == q.upvotes()) {
            return;
        }
        actions.removeAll();
        if (sessionEnded) {
            return;
        }
        if (facilitator) {
            moderation(q);
        } else if (!q.mine()) {
            Button up = new Button(Integer.toString(q.upvotes()), VaadinIcon.THUMBS_UP.create(), e -> {
                qa.upvote(q.id());
                afterAction.run();
            });
            up.setId("question-" + q.id() + "-upvote");
            up.setEnabled(!q.upvotedByMe());
            up.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            up.setTooltipText(q.upvotedByMe() ? "You upvoted this" : "Upvote");
            actions.add(up);
        }
    }

    private void moderation(QuestionView q) {
        long id = q.id();
        if (q.status() == QuestionStatus.PENDING) {
            actions.add(action("Approve", "approve", () -> qa.approve(id)));
        }
        if (q.status() != QuestionStatus.HIDDEN) {
            actions.add(action("Hide", "hide", () -> qa.hide(id)));
            actions.add(action(q.pinned() ? "Unpin" : "Pin", "pin", () -> qa.setPinned(id, !q.pinned())));
        } else {
            actions.add(action("Show again", "approve", () -> qa.approve(id)));
        }
        actions.add(action(q.answered() ? "Mark unanswered" : "Mark answered", "answered", () -> qa.setAnswered(id, !q.answered())));
        answerField.setId("question-" + id + "-answer-text");
        actions.add(answerField, action("Answer", "answer", () -> {
            qa.answer(id, answerField.getValue());
            answerField.clear();
        }));
    }

    private Button action(String label, String name, Runnable call) {
        Button b = new Button(label, e -> {
            call.run();
            afterAction.run();
        });
        b.setId(getId().orElse("question") + "-" + name);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return b;
    }

    private static Span badge(String text, String theme) {
        Span s = new Span(text);
        s.getElement().getThemeList().add(("badge " + theme).trim());
        return s;
    }
}
