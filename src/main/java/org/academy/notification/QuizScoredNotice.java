package org.academy.notification;

/** The recipient's quiz attempt was scored. */
public record QuizScoredNotice(long attemptId, String quizTitle, int scorePercent, boolean passed, String link)
        implements Notice {

    @Override
    public NotificationType type() {
        return NotificationType.QUIZ_SCORED;
    }

    @Override
    public String key() {
        return "quiz-attempt:" + attemptId;
    }

    @Override
    public String text() {
        return "Quiz “" + quizTitle + "” scored: " + scorePercent + " %" + (passed ? ", passed" : "");
    }
}
