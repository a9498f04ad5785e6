package org.academy.quiz.ui;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;

import org.academy.base.InvalidRequestException;
import org.academy.quiz.AnswerReview;
import org.academy.quiz.CountedAttempt;
import org.academy.quiz.LearnerQuiz;
import org.academy.quiz.QuizAnswer;
import org.academy.quiz.QuizOption;
import org.academy.quiz.QuizQuestion;
import org.academy.quiz.QuizResult;
import org.academy.quiz.QuizService;
import org.academy.quiz.QuizSubmission;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;

/**
 * A lesson's quiz on the lesson page. Learners answer and submit; the server scores it and the panel
 * shows the score, which answers were right and the explanations. Every text here (questions,
 * options, answers, explanations) is set as text, never as HTML. Staff see the questions only.
 */
class QuizPanel extends VerticalLayout {

    private final QuizService quizzes;

    QuizPanel(QuizService quizzes, LearnerQuiz quiz) {
        this.quizzes = quizzes;
        setId("quiz-panel");
        setPadding(false);
        addClassName("quiz-panel");
        show(quiz);
    }

    private void show(LearnerQuiz q) {
        removeAll();
        add(new H3("Quiz"));
        Span info = new Span(info(q));
        info.setId("quiz-info");
        info.addClassName("live-status");
        add(info);
        if (!q.learner()) {
            add(new Span("Preview: learners answer " + q.questions().size() + " question"
                    + (q.questions().size() == 1 ? "" : "s") + " here."));
            for (int i = 0; i < q.questions().size(); i++) {
                add(new Paragraph((i + 1) + ". " + q.questions().get(i).prompt()));
            }
            return;
        }
        Span status = new Span(q.countedPercent() == null ? "Not attempted yet."
                : "Your score: " + q.countedPercent() + " % (" + (q.counted() == CountedAttempt.BEST ? "best" : "last")
                + " attempt) · " + (q.passed() ? "passed" : "not passed yet"));
        status.setId("quiz-status");
        add(status);
        if (q.latest() != null) {
            add(review(q.latest()));
        }
        if (q.canTake()) {
            if (q.latest() == null) {
                add(form(q));
            } else {
                Button retry = new Button("Try again", VaadinIcon.REFRESH.create());
                retry.setId("quiz-retry");
                retry.addClickListener(e -> {
                    retry.setVisible(false);
                    add(form(q));
                });
                add(retry);
            }
        } else {
            Span none = new Span("No attempts left.");
            none.setId("quiz-no-attempts");
            add(none);
        }
    }

    static String info(LearnerQuiz q) {
        String attempts = q.maxAttempts() == null ? "unlimited attempts"
                : q.maxAttempts() + " attempt" + (q.maxAttempts() == 1 ? "" : "s");
        if (q.learner()) {
            attempts += " (" + q.attemptsUsed() + " used)";
        }
        return q.questions().size() + " question" + (q.questions().size() == 1 ? "" : "s") + " · pass mark "
                + q.passPercent() + " % · " + attempts + " · the " + (q.counted() == CountedAttempt.BEST ? "best" : "last")
                + " attempt counts" + (q.requiredToComplete() ? " · pass it to complete the lesson" : "");
    }

    private Div review(QuizResult r) {
        Div review = new Div();
        review.setId("quiz-review");
        Span score = new Span("Attempt " + r.number() + ": " + r.correctCount() + " of " + r.questionCount()
                + " right · " + r.scorePercent() + " % · " + (r.passed() ? "passed" : "not passed"));
        score.setId("quiz-score");
        review.add(score);
        for (AnswerReview a : r.answers()) {
            Div item = new Div();
            item.setId("quiz-review-" + (a.position() + 1));
            item.addClassName(a.correct() ? "quiz-right" : "quiz-wrong");
            Paragraph prompt = new Paragraph((a.position() + 1) + ". " + a.prompt());
            Span verdict = new Span(a.correct() ? "✓ Right" : "✗ Wrong");
            verdict.getElement().getThemeList().add(a.correct() ? "badge success" : "badge error");
            verdict.addClassName("quiz-verdict");
            Span yours = new Span("Your answer: " + (a.yourAnswer().isEmpty() ? "(none)" : a.yourAnswer()));
            yours.addClassName("quiz-your-answer");
            item.add(prompt, verdict, new Span(" "), yours);
            if (!a.explanation().isEmpty()) {
                Paragraph why = new Paragraph(a.explanation());
                why.addClassName("quiz-explanation");
                item.add(why);
            }
            review.add(item);
        }
        return review;
    }

    private VerticalLayout form(LearnerQuiz q) {
        VerticalLayout form = new VerticalLayout();
        form.setId("quiz-form");
        form.setPadding(false);
        List<Supplier<QuizAnswer>> answers = new ArrayList<>();
        int n = 0;
        for (QuizQuestion question : q.questions()) {
            n++;
            String label = n + ". " + question.prompt();
            String id = "quiz-question-" + n;
            switch (question.kind()) {
                case SINGLE -> {
                    RadioButtonGroup<QuizOption> choice = new RadioButtonGroup<>(label);
                    choice.setId(id);
                    choice.setItems(question.options());
                    choice.setItemLabelGenerator(QuizOption::label);
                    form.add(choice);
                    answers.add(() -> choice.getValue() == null ? new QuizAnswer(question.id(), null, null)
                            : QuizAnswer.choice(question.id(), choice.getValue().id()));
                }
                case MULTIPLE -> {
                    CheckboxGroup<QuizOption> choice = new CheckboxGroup<>(label + " (choose all that apply)");
                    choice.setId(id);
                    choice.setItems(question.options());
                    choice.setItemLabelGenerator(QuizOption::label);
                    form.add(choice);
                    answers.add(() -> new QuizAnswer(question.id(),
                            new HashSet<>(choice.getValue().stream().map(QuizOption::id).toList()), null));
                }
                case SHORT -> {
                    TextField text = new TextField(label);
                    text.setId(id);
                    text.setMaxLength(500);
                    text.setWidth("24em");
                    form.add(text);
                    answers.add(() -> QuizAnswer.text(question.id(), text.getValue()));
                }
            }
        }
        Button submit = new Button("Submit answers", VaadinIcon.CHECK.create());
        submit.setId("quiz-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Disabled on the client at the first click; the attempt number makes a second request count once anyway.
        submit.setDisableOnClick(true);
        submit.addClickListener(e -> {
            QuizSubmission submission = new QuizSubmission(q.versionId(), q.nextAttemptNumber(),
                    answers.stream().map(Supplier::get).toList());
            try {
                show(quizzes.submit(q.cohortId(), q.lessonId(), submission));
            } catch (InvalidRequestException refused) {
                Notification n2 = Notification.show(refused.getMessage(), 6000, Notification.Position.MIDDLE);
                n2.addThemeVariants(NotificationVariant.LUMO_ERROR);
                if (refused.getMessage().equals(QuizService.ALREADY_SUBMITTED)) {
                    quizzes.quizFor(q.cohortId(), q.lessonId()).ifPresent(this::show);
                }
            } finally {
                // Whatever went wrong, the learner can try again (on success the form is replaced anyway).
                submit.setEnabled(true);
            }
        });
        form.add(submit);
        return form;
    }
}
