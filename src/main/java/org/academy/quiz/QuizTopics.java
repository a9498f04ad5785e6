package org.academy.quiz;

import org.academy.base.push.Topic;

/** Where committed quiz submissions are pushed: one topic per cohort. */
public final class QuizTopics {

    private QuizTopics() {
    }

    public static Topic<QuizSubmitted> cohort(long cohortId) {
        return Topic.of("cohort-quizzes", cohortId);
    }
}
