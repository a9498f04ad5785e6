package org.academy.quiz.ui;

import java.util.Optional;

import org.academy.base.ui.LessonPanelProvider;
import org.academy.quiz.QuizService;
import org.springframework.stereotype.Component;

/** Puts the lesson's quiz on the lesson page, below the content. */
@Component
class QuizLessonPanelProvider implements LessonPanelProvider {

    private final QuizService quizzes;

    QuizLessonPanelProvider(QuizService quizzes) {
        this.quizzes = quizzes;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> create(long cohortId, long lessonId) {
        return quizzes.quizFor(cohortId, lessonId).map(q -> new QuizPanel(quizzes, q));
    }
}
