package org.academy.quiz.ui;

import java.util.Optional;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.CohortDashboardPanelProvider;
import org.academy.quiz.QuizService;
import org.springframework.stereotype.Component;

/** Puts the cohort's quiz scores on the instructor's dashboard. */
@Component
class QuizDashboardPanelProvider implements CohortDashboardPanelProvider {

    private final QuizService quizzes;
    private final TopicHub hub;

    QuizDashboardPanelProvider(QuizService quizzes, TopicHub hub) {
        this.quizzes = quizzes;
        this.hub = hub;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> create(long cohortId) {
        return Optional.of(new QuizDashboardPanel(quizzes, hub, cohortId));
    }
}
