package org.academy.quiz;

import java.util.Map;

/** A learner's quiz scores by quiz id; a quiz missing from the map was not attempted. */
public record LearnerScores(long userId, String displayName, Map<Long, LearnerScore> byQuiz) {

    public LearnerScores {
        byQuiz = Map.copyOf(byQuiz);
    }
}
