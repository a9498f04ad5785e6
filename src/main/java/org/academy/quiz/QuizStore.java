package org.academy.quiz;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.academy.base.RecordRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Quizzes in SQL. Versions and their questions are only ever inserted; attempts once per number. */
@Repository
class QuizStore {

    record Version(long id, long quizId, long lessonId, int version, int passPercent, Integer maxAttempts,
                   String counted, boolean requiredToComplete) {
        CountedAttempt countedAttempt() {
            return CountedAttempt.valueOf(counted);
        }
    }

    record Question(long id, long versionId, int position, String kind, String prompt, String explanation) {
        QuestionKind questionKind() {
            return QuestionKind.valueOf(kind);
        }
    }

    record Option(long id, long questionId, int position, String label, boolean correct) {
    }

    record Attempt(long id, long quizId, long versionId, int version, long userId, int number, int correctCount,
                   int questionCount, int scorePercent, boolean passed, Instant submittedAt) {
    }

    record Answer(long questionId, Set<Long> optionIds, String textAnswer, boolean correct) {
    }

    record QuestionShare(long quizId, long questionId, String prompt, long answered, long rightCount) {
    }

    private final JdbcClient jdbc;

    QuizStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The quiz of a lesson, created if missing, locked against concurrent submissions and edits. */
    long lockForEdit(long lessonId, Instant now) {
        jdbc.sql("insert into quiz (lesson_id, created_at) values (?, ?) on conflict (lesson_id) do nothing")
                .param(lessonId).param(Timestamp.from(now)).update();
        return jdbc.sql("select id from quiz where lesson_id = ? for update").param(lessonId).query(Long.class).single();
    }

    /** The lesson's quiz, share-locked so that an edit waits for submissions in flight (and they for it). */
    Optional<Long> lockForSubmission(long lessonId) {
        return jdbc.sql("select id from quiz where lesson_id = ? for share").param(lessonId).query(Long.class).optional();
    }

    Optional<Version> currentVersion(long lessonId) {
        return jdbc.sql("""
                select v.id, v.quiz_id, q.lesson_id, v.version, v.pass_percent, v.max_attempts, v.counted,
                       v.required_to_complete
                from quiz q join quiz_version v on v.quiz_id = q.id
                where q.lesson_id = ? order by v.version desc limit 1
                """).param(lessonId).query(RecordRowMapper.of(Version.class)).optional();
    }

    List<Version> currentVersionsOfCourse(long courseId) {
        return jdbc.sql("""
                select distinct on (q.id) v.id, v.quiz_id, q.lesson_id, v.version, v.pass_percent, v.max_attempts,
                       v.counted, v.required_to_complete
                from quiz q join quiz_version v on v.quiz_id = q.id join lesson l on l.id = q.lesson_id
                where l.course_id = ? order by q.id, v.version desc
                """).param(courseId).query(RecordRowMapper.of(Version.class)).list();
    }

    long insertVersion(long quizId, QuizDraft draft, Instant now, long authorId) {
        int next = jdbc.sql("select coalesce(max(version), 0) + 1 from quiz_version where quiz_id = ?")
                .param(quizId).query(Integer.class).single();
        long versionId = jdbc.sql("""
                insert into quiz_version (quiz_id, version, pass_percent, max_attempts, counted, required_to_complete,
                                          created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id
                """).params(quizId, next, draft.passPercent(), draft.maxAttempts(), draft.counted().name(),
                draft.requiredToComplete(), Timestamp.from(now), authorId).query(Long.class).single();
        int position = 0;
        for (QuestionDraft q : draft.questions()) {
            long questionId = jdbc.sql("""
                    insert into quiz_question (version_id, position, kind, prompt, explanation)
                    values (?, ?, ?, ?, ?) returning id
                    """).params(versionId, position++, q.kind().name(), q.prompt(), q.explanation())
                    .query(Long.class).single();
            int optionPosition = 0;
            for (OptionDraft o : q.options()) {
                jdbc.sql("insert into quiz_option (question_id, position, label, correct) values (?, ?, ?, ?)")
                        .params(questionId, optionPosition++, o.label(), o.correct()).update();
            }
        }
        return versionId;
    }

    List<Question> questions(long versionId) {
        return jdbc.sql("""
                select id, version_id, position, kind, prompt, explanation from quiz_question
                where version_id = ? order by position
                """).param(versionId).query(RecordRowMapper.of(Question.class)).list();
    }

    /** Options by question id, in order. */
    Map<Long, List<Option>> options(long versionId) {
        return jdbc.sql("""
                select o.id, o.question_id, o.position, o.label, o.correct
                from quiz_option o join quiz_question q on q.id = o.question_id
                where q.version_id = ? order by q.position, o.position
                """).param(versionId).query(RecordRowMapper.of(Option.class)).list().stream()
                .collect(Collectors.groupingBy(Option::questionId, LinkedHashMap::new, Collectors.toList()));
    }

    int attemptCount(long quizId, long cohortId, long userId) {
        return jdbc.sql("select count(*) from quiz_attempt where quiz_id = ? and cohort_id = ? and user_id = ?")
                .params(quizId, cohortId, userId).query(Integer.class).single();
    }

    int attemptCount(long quizId) {
        return jdbc.sql("select count(*) from quiz_attempt where quiz_id = ?").param(quizId).query(Integer.class).single();
    }

    /** The attempt's id, or empty when this attempt number was already submitted (the other tab won). */
    Optional<Long> insertAttempt(long quizId, long versionId, long cohortId, long userId, int number, int correct,
                                 int total, int percent, boolean passed, Instant now) {
        return jdbc.sql("""
                insert into quiz_attempt (quiz_id, version_id, cohort_id, user_id, number, correct_count,
                                          question_count, score_percent, passed, submitted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (quiz_id, cohort_id, user_id, number) do nothing
                returning id
                """).params(quizId, versionId, cohortId, userId, number, correct, total, percent, passed,
                Timestamp.from(now)).query(Long.class).optional();
    }

    void insertAnswer(long attemptId, long questionId, Set<Long> optionIds, String text, boolean correct) {
        jdbc.sql("""
                insert into quiz_answer (attempt_id, question_id, option_ids, text_answer, correct)
                values (?, ?, ?, ?, ?)
                """).params(attemptId, questionId, optionIds.stream().sorted().toArray(Long[]::new), text, correct)
                .update();
    }

    List<Attempt> attempts(long quizId, long cohortId, long userId) {
        return jdbc.sql("""
                select a.id, a.quiz_id, a.version_id, v.version, a.user_id, a.number, a.correct_count,
                       a.question_count, a.score_percent, a.passed, a.submitted_at
                from quiz_attempt a join quiz_version v on v.id = a.version_id
                where a.quiz_id = ? and a.cohort_id = ? and a.user_id = ? order by a.number
                """).params(quizId, cohortId, userId).query(RecordRowMapper.of(Attempt.class)).list();
    }

    List<Attempt> cohortAttempts(long cohortId) {
        return jdbc.sql("""
                select a.id, a.quiz_id, a.version_id, v.version, a.user_id, a.number, a.correct_count,
                       a.question_count, a.score_percent, a.passed, a.submitted_at
                from quiz_attempt a join quiz_version v on v.id = a.version_id
                where a.cohort_id = ? order by a.quiz_id, a.user_id, a.number
                """).param(cohortId).query(RecordRowMapper.of(Attempt.class)).list();
    }

    List<Answer> answers(long attemptId) {
        return jdbc.sql("""
                select question_id, option_ids, text_answer, correct from quiz_answer where attempt_id = ?
                """).param(attemptId).query((rs, i) -> new Answer(rs.getLong("question_id"),
                longs(rs.getArray("option_ids")), rs.getString("text_answer"), rs.getBoolean("correct"))).list();
    }

    /** Per question answered in the cohort: how often, how often right. */
    List<QuestionShare> questionShares(long cohortId) {
        return jdbc.sql("""
                select a.quiz_id, q.id as question_id, q.prompt, count(*) as answered,
                       count(*) filter (where qa.correct) as right_count
                from quiz_answer qa join quiz_attempt a on a.id = qa.attempt_id
                     join quiz_question q on q.id = qa.question_id
                where a.cohort_id = ?
                group by a.quiz_id, q.id, q.prompt
                """).param(cohortId).query(RecordRowMapper.of(QuestionShare.class)).list();
    }

    Map<Long, Option> optionsById(Set<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select id, question_id, position, label, correct from quiz_option where id = any(?)")
                .param(ids.toArray(Long[]::new)).query(RecordRowMapper.of(Option.class)).list().stream()
                .collect(Collectors.toMap(Option::id, o -> o));
    }

    private static Set<Long> longs(Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        Long[] values = (Long[]) array.getArray();
        return Set.copyOf(new ArrayList<>(Arrays.asList(values)));
    }
}
