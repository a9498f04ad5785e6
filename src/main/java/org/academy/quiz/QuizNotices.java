package org.academy.quiz;

import org.academy.notification.NotificationRequested;
import org.academy.notification.QuizScoredNotice;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** "Quiz scored" for the learner, in the submitting transaction (a plain listener runs in it). */
@Component
class QuizNotices {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    QuizNotices(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventListener
    void submitted(QuizSubmitted submitted) {
        jdbc.sql("""
                select l.title, a.score_percent, a.passed from quiz_attempt a join lesson l on l.id = ?
                where a.id = ?
                """).params(submitted.lessonId(), submitted.attemptId())
                .query((rs, n) -> new QuizScoredNotice(submitted.attemptId(), rs.getString(1), rs.getInt(2), rs.getBoolean(3),
                        "learn/" + submitted.cohortId() + "/lesson/" + submitted.lessonId()))
                .optional()
                .ifPresent(notice -> events.publishEvent(new NotificationRequested(submitted.userId(), notice)));
    }
}
