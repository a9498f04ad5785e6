package org.academy.quiz;

import java.util.List;

/**
 * A learner's submitted answers.
 *
 * @param versionId     the version the learner was shown (a quiz edited meanwhile is refused, not misscored)
 * @param attemptNumber the attempt this submission is (the page's {@link LearnerQuiz#nextAttemptNumber()}):
 *                      a double click or a second tab sends the same number and counts once
 */
public record QuizSubmission(long versionId, int attemptNumber, List<QuizAnswer> answers) {

    public QuizSubmission {
        answers = answers == null ? List.of() : List.copyOf(answers);
    }
}
