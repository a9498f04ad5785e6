package org.academy.quiz.ui;

import java.util.Optional;

import org.academy.base.ui.LessonEditorPanelProvider;
import org.academy.quiz.QuizService;
import org.springframework.stereotype.Component;

/** Puts the lesson's quiz (add, edit) into the course editor. */
@Component
class QuizEditorPanelProvider implements LessonEditorPanelProvider {

    private final QuizService quizzes;

    QuizEditorPanelProvider(QuizService quizzes) {
        this.quizzes = quizzes;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> create(long courseId, long lessonId) {
        return Optional.of(new QuizEditorPanel(quizzes, courseId, lessonId));
    }
}
