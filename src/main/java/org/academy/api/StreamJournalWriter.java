package org.academy.api;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.academy.notification.NotificationCreated;
import org.academy.poll.PollChanged;
import org.academy.progress.LessonCompleted;
import org.academy.qa.QuestionChanged;
import org.academy.quiz.QuizSubmitted;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Journals the domain events the features already publish, inside their transaction (a plain
 * listener runs on the publisher's thread, in its transaction): an event is in the journal exactly
 * when its change is committed. Payloads hold what any allowed viewer may see at most; the stream
 * applies each viewer's rules when sending ({@link StreamViews}).
 *
 * <p>Poll events carry a tally snapshot read after the stream's number is taken: votes of one
 * session are serialised on the counter row, so each snapshot includes every vote numbered before
 * it, and a replay shows exactly the tallies that were sent live.
 */
@Component
class StreamJournalWriter {

    private final StreamJournal journal;
    private final JdbcClient jdbc;

    StreamJournalWriter(StreamJournal journal, JdbcClient jdbc) {
        this.journal = journal;
        this.jdbc = jdbc;
    }

    @EventListener
    @Transactional
    void lessonCompleted(LessonCompleted e) {
        String stream = StreamKeys.cohortProgress(e.cohortId());
        long seq = journal.nextSeq(stream);
        journal.write(stream, seq, "lesson-completed", ordered("userId", e.userId(), "lessonId", e.lessonId(), "at", e.at().toString()));
    }

    @EventListener
    @Transactional
    void quizSubmitted(QuizSubmitted e) {
        String stream = StreamKeys.cohortProgress(e.cohortId());
        long seq = journal.nextSeq(stream);
        Map<String, Object> payload = ordered("userId", e.userId(), "quizId", e.quizId(), "lessonId", e.lessonId(),
                "attemptId", e.attemptId(), "at", e.at().toString());
        jdbc.sql("select score_percent, passed, number from quiz_attempt where id = ?").param(e.attemptId())
                .query(rs -> {
                    payload.put("scorePercent", rs.getInt("score_percent"));
                    payload.put("passed", rs.getBoolean("passed"));
                    payload.put("attempt", rs.getInt("number"));
                });
        journal.write(stream, seq, "quiz-scored", payload);
    }

    @EventListener
    @Transactional
    void notification(NotificationCreated e) {
        String stream = StreamKeys.notifications(e.userId());
        long seq = journal.nextSeq(stream);
        if (e.notificationId() == 0) {
            journal.write(stream, seq, "notifications-read", Map.of());
        } else {
            journal.write(stream, seq, "notification", ordered("id", e.notificationId(), "text", e.text(), "link", e.link()));
        }
    }

    @EventListener
    @Transactional
    void pollChanged(PollChanged e) {
        String stream = StreamKeys.session(e.sessionId());
        long seq = journal.nextSeq(stream);
        journal.write(stream, seq, "poll", pollSnapshot(e.pollId()));
    }

    @EventListener
    @Transactional
    void questionChanged(QuestionChanged e) {
        String stream = StreamKeys.session(e.sessionId());
        long seq = journal.nextSeq(stream);
        Map<String, Object> q = jdbc.sql("""
                select q.id, q.text, q.status, q.anonymous, q.author_id, p.display_name, q.pinned, q.answered,
                       q.answer_text, q.created_at,
                       (select count(*) from question_upvote u where u.question_id = q.id) as upvotes
                from question q join app_user p on p.id = q.author_id where q.id = ?
                """).param(e.questionId()).query((rs, n) -> ordered("id", rs.getLong("id"), "text", rs.getString("text"),
                        "status", rs.getString("status"), "anonymous", rs.getBoolean("anonymous"),
                        "authorId", rs.getLong("author_id"), "authorName", rs.getString("display_name"),
                        "pinned", rs.getBoolean("pinned"), "answered", rs.getBoolean("answered"),
                        "answer", rs.getString("answer_text"), "upvotes", rs.getInt("upvotes"),
                        "createdAt", rs.getTimestamp("created_at").toInstant().toString()))
                .single();
        journal.write(stream, seq, "question", q);
    }

    private Map<String, Object> pollSnapshot(long pollId) {
        Map<String, Object> poll = jdbc.sql("select id, question, multiple_choice, status, results_visible, run from poll where id = ?")
                .param(pollId).query((rs, n) -> ordered("id", rs.getLong("id"), "question", rs.getString("question"),
                        "multipleChoice", rs.getBoolean("multiple_choice"), "status", rs.getString("status"),
                        "resultsVisible", rs.getBoolean("results_visible"), "run", rs.getInt("run")))
                .single();
        int run = (Integer) poll.get("run");
        Map<Long, Integer> counts = new HashMap<>();
        int[] voters = {0};
        jdbc.sql("select option_ids from poll_ballot where poll_id = ? and run = ?").params(pollId, run).query(rs -> {
            voters[0]++;
            for (Long option : optionIds(rs.getArray(1))) {
                counts.merge(option, 1, Integer::sum);
            }
        });
        List<Map<String, Object>> options = new ArrayList<>();
        jdbc.sql("select id, label, correct from poll_option where poll_id = ? order by position").param(pollId)
                .query(rs -> {
                    long id = rs.getLong("id");
                    options.add(ordered("id", id, "label", rs.getString("label"), "correct", rs.getBoolean("correct"),
                            "votes", counts.getOrDefault(id, 0)));
                });
        poll.put("voters", voters[0]);
        poll.put("options", options);
        return poll;
    }

    private static Long[] optionIds(Array array) throws SQLException {
        Object value = array.getArray();
        return value instanceof Long[] longs ? longs : new Long[0];
    }

    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
