package org.academy.quiz;

import java.util.Optional;

import org.academy.progress.CompletionGate;
import org.springframework.stereotype.Component;

/**
 * A lesson whose quiz is required cannot be completed before the quiz is passed: the attempt that
 * counts (best or last, as the quiz says) must have passed. Progress asks; quizzes answer.
 */
@Component
class QuizCompletionGate implements CompletionGate {

    private final QuizStore store;

    QuizCompletionGate(QuizStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> refusal(long cohortId, long userId, long lessonId) {
        return store.currentVersion(lessonId).filter(QuizStore.Version::requiredToComplete).flatMap(v -> {
            QuizStore.Attempt counted = QuizService.counted(store.attempts(v.quizId(), cohortId, userId),
                    v.countedAttempt());
            if (counted != null && counted.passed()) {
                return Optional.empty();
            }
            return Optional.of("Pass this lesson's quiz (pass mark " + v.passPercent()
                    + " %) before marking the lesson complete.");
        });
    }
}
