package org.academy.quiz.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.academy.base.InvalidRequestException;
import org.academy.quiz.CountedAttempt;
import org.academy.quiz.OptionDraft;
import org.academy.quiz.QuestionDraft;
import org.academy.quiz.QuestionKind;
import org.academy.quiz.QuizDefinition;
import org.academy.quiz.QuizDraft;
import org.academy.quiz.QuizService;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/**
 * The selected lesson's quiz in the course editor: what it is, and a dialog to add or edit it.
 * Saving makes a new version; attempts already made keep the version and score they had.
 */
class QuizEditorPanel extends VerticalLayout {

    private final QuizService quizzes;
    private final long courseId;
    private final long lessonId;
    private final Span summary = new Span();
    private final Button edit = new Button();
    private Optional<QuizDefinition> current = Optional.empty();

    QuizEditorPanel(QuizService quizzes, long courseId, long lessonId) {
        this.quizzes = quizzes;
        this.courseId = courseId;
        this.lessonId = lessonId;
        setId("quiz-editor-panel");
        setPadding(false);
        summary.setId("quiz-summary");
        edit.setId("quiz-edit");
        edit.addClickListener(e -> new QuizDialog(current.map(QuizDefinition::draft).orElse(null),
                current.map(QuizDefinition::attemptCount).orElse(0)).open());
        add(new H3("Quiz"), summary, edit);
        refresh();
    }

    private void refresh() {
        current = quizzes.quizForAuthor(courseId, lessonId);
        summary.setText(current.map(QuizEditorPanel::describe).orElse("No quiz on this lesson."));
        edit.setText(current.isPresent() ? "Edit quiz" : "Add quiz");
        edit.setIcon(current.isPresent() ? VaadinIcon.EDIT.create() : VaadinIcon.PLUS.create());
    }

    static String describe(QuizDefinition d) {
        return "Version " + d.version() + " · " + d.questions().size() + " question"
                + (d.questions().size() == 1 ? "" : "s") + " · pass mark " + d.passPercent() + " % · "
                + (d.maxAttempts() == null ? "unlimited attempts" : d.maxAttempts() + " attempt"
                + (d.maxAttempts() == 1 ? "" : "s")) + " · " + (d.counted() == CountedAttempt.BEST ? "best" : "last")
                + " attempt counts" + (d.requiredToComplete() ? " · required to complete the lesson" : "")
                + " · " + d.attemptCount() + " attempt" + (d.attemptCount() == 1 ? "" : "s") + " so far";
    }

    /** One question: options are written one per line, the right ones starting with "*". */
    private static final class QuestionEditor extends VerticalLayout {
        final Select<QuestionKind> kind = new Select<>();
        final TextArea prompt = new TextArea("Question");
        final TextArea options = new TextArea();
        final TextField explanation = new TextField("Explanation shown after submitting (optional)");
        final Button remove = new Button("Remove question", VaadinIcon.TRASH.create());

        QuestionEditor(int n, QuestionDraft q) {
            setPadding(false);
            addClassName("quiz-question-editor");
            kind.setLabel("Kind");
            kind.setItems(QuestionKind.values());
            kind.setItemLabelGenerator(k -> switch (k) {
                case SINGLE -> "Single choice";
                case MULTIPLE -> "Multiple choice";
                case SHORT -> "Short exact answer";
            });
            kind.addValueChangeListener(e -> relabel());
            prompt.setWidthFull();
            prompt.setMaxLength(1000);
            options.setWidthFull();
            options.setMinHeight("6em");
            explanation.setWidthFull();
            explanation.setMaxLength(2000);
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            setIds(n);
            kind.setValue(q == null ? QuestionKind.SINGLE : q.kind());
            if (q != null) {
                prompt.setValue(q.prompt());
                options.setValue(String.join("\n", q.options().stream()
                        .map(o -> q.kind() != QuestionKind.SHORT && o.correct() ? "*" + o.label() : o.label()).toList()));
                explanation.setValue(q.explanation());
            }
            relabel();
            add(new HorizontalLayout(kind, remove), prompt, options, explanation);
        }

        void setIds(int n) {
            kind.setId("quiz-kind-" + n);
            prompt.setId("quiz-prompt-" + n);
            options.setId("quiz-options-" + n);
            explanation.setId("quiz-explanation-" + n);
            remove.setId("quiz-remove-" + n);
        }

        private void relabel() {
            options.setLabel(kind.getValue() == QuestionKind.SHORT
                    ? "Accepted answers, one per line (case and spacing are ignored)"
                    : "Options, one per line; start the right ones with *");
        }

        QuestionDraft draft() {
            List<OptionDraft> parsed = new ArrayList<>();
            for (String line : options.getValue().split("\n")) {
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                boolean right = kind.getValue() == QuestionKind.SHORT || t.startsWith("*");
                parsed.add(new OptionDraft(t.startsWith("*") && kind.getValue() != QuestionKind.SHORT
                        ? t.substring(1).strip() : t, right));
            }
            return new QuestionDraft(kind.getValue(), prompt.getValue(), parsed, explanation.getValue());
        }
    }

    private final class QuizDialog extends Dialog {
        private final IntegerField pass = new IntegerField("Pass mark (%)");
        private final IntegerField attempts = new IntegerField("Attempts allowed (empty: unlimited)");
        private final Select<CountedAttempt> counted = new Select<>();
        private final Checkbox required = new Checkbox("Learners must pass it before marking the lesson complete");
        private final VerticalLayout questions = new VerticalLayout();
        private final List<QuestionEditor> editors = new ArrayList<>();

        QuizDialog(QuizDraft existing, int attemptCount) {
            setHeaderTitle(existing == null ? "Add a quiz" : "Edit the quiz");
            setWidth("48em");
            pass.setId("quiz-pass");
            pass.setMin(0);
            pass.setMax(100);
            attempts.setId("quiz-attempts");
            attempts.setMin(1);
            attempts.setMax(100);
            attempts.setClearButtonVisible(true);
            counted.setId("quiz-counted");
            counted.setLabel("Which attempt counts");
            counted.setItems(CountedAttempt.values());
            counted.setItemLabelGenerator(c -> c == CountedAttempt.BEST ? "The best" : "The last");
            required.setId("quiz-required");
            questions.setPadding(false);
            pass.setValue(existing == null ? 60 : existing.passPercent());
            attempts.setValue(existing == null ? null : existing.maxAttempts());
            counted.setValue(existing == null ? CountedAttempt.BEST : existing.counted());
            required.setValue(existing != null && existing.requiredToComplete());
            if (existing == null) {
                addQuestion(null);
            } else {
                existing.questions().forEach(this::addQuestion);
            }
            Button add = new Button("Add question", VaadinIcon.PLUS.create(), e -> addQuestion(null));
            add.setId("quiz-add-question");
            VerticalLayout body = new VerticalLayout(new HorizontalLayout(pass, attempts, counted), required);
            body.setPadding(false);
            if (attemptCount > 0) {
                Span note = new Span(attemptCount + " attempt" + (attemptCount == 1 ? " was" : "s were")
                        + " made on this quiz. Saving makes a new version; past attempts keep their scores.");
                note.setId("quiz-versions-note");
                body.add(note);
            }
            body.add(questions, add);
            add(body);
            Button save = new Button("Save quiz", e -> save());
            save.setId("quiz-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button cancel = new Button("Cancel", e -> close());
            getFooter().add(cancel, save);
        }

        private void addQuestion(QuestionDraft q) {
            QuestionEditor editor = new QuestionEditor(editors.size() + 1, q);
            editor.remove.addClickListener(e -> {
                editors.remove(editor);
                questions.remove(editor);
                for (int i = 0; i < editors.size(); i++) {
                    editors.get(i).setIds(i + 1);
                }
            });
            editors.add(editor);
            questions.add(editor);
        }

        private void save() {
            QuizDraft draft = new QuizDraft(pass.getValue() == null ? -1 : pass.getValue(), attempts.getValue(),
                    counted.getValue(), required.getValue(), editors.stream().map(QuestionEditor::draft).toList());
            try {
                QuizDefinition saved = quizzes.saveQuiz(courseId, lessonId, draft);
                close();
                Notification.show("Quiz saved (version " + saved.version() + ").", 3000,
                        Notification.Position.BOTTOM_START);
                refresh();
            } catch (InvalidRequestException refused) {
                Notification n = Notification.show(refused.getMessage(), 6000, Notification.Position.MIDDLE);
                n.addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        }
    }
}
