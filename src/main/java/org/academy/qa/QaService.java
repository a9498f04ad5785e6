package org.academy.qa;

import org.academy.security.SignedIn;

import org.academy.base.RecordRowMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.RateLimiter;
import org.academy.base.TextInput;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionContext;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Questions and answers in a live session. Learners ask (optionally anonymous to other learners;
 * staff always see the author) and upvote others' questions once; instructors approve, hide, pin,
 * answer and mark answered. The upvote table's key makes "once" a database guarantee.
 */
@Service
public class QaService {

    public static final int MAX_QUESTION = 500;
    public static final int MAX_ANSWER = 2000;
    static final String NOT_FOUND = "This question does not exist, or you cannot see it.";

    private final LiveSessionService sessions;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RateLimiter questionLimit;

    QaService(org.academy.base.RateLimits limits, LiveSessionService sessions, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock,
              @Value("${academy.limits.questions-per-minute:5}") int questionsPerMinute) {
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.questionLimit = limits.create("questions", questionsPerMinute, Duration.ofMinutes(1));
    }

    private record Row(long id, long sessionId, long authorId, String authorName, String text, boolean anonymous,
                       String status, boolean pinned, boolean answered, String answerText, int upvotes,
                       boolean upvotedByMe, java.time.Instant createdAt) {
    }

    @Transactional
    @SignedIn
    public QuestionView ask(long sessionId, String text, boolean anonymous) {
        AcademyUser caller = CurrentUser.require();
        SessionContext c = sessions.requireLearnerBeforeEnd(sessionId);
        String t = TextInput.require(text, MAX_QUESTION, "Write your question first.",
                "Questions are limited to " + MAX_QUESTION + " characters.");
        if (!questionLimit.tryAcquire(caller.id())) {
            throw new InvalidRequestException("You are asking very fast; please wait a moment before the next question.");
        }
        String status = c.session().qaModerated() ? QuestionStatus.PENDING.name() : QuestionStatus.VISIBLE.name();
        long id = jdbc.sql("""
                insert into question (session_id, author_id, text, anonymous, status, created_at)
                values (?, ?, ?, ?, ?, ?) returning id
                """).params(sessionId, caller.id(), t, anonymous, status, Timestamp.from(clock.instant()))
                .query(Long.class).single();
        events.publishEvent(new QuestionChanged(sessionId, id));
        return load(id, c, caller);
    }

    /**
     * Upvotes someone else's visible question; a second upvote by the same person changes nothing.
     * Not once the session has ended: its summary is final.
     *
     * @return true if this call counted
     */
    @Transactional
    @SignedIn
    public boolean upvote(long questionId) {
        AcademyUser caller = CurrentUser.require();
        Row q = find(questionId, caller);
        SessionContext c = learnerOf(q);
        if (q.authorId() == caller.id()) {
            throw new InvalidRequestException("You cannot upvote your own question.");
        }
        if (!q.status().equals(QuestionStatus.VISIBLE.name())) {
            throw new NotFoundException(NOT_FOUND);
        }
        boolean counted = jdbc.sql("insert into question_upvote (question_id, user_id) values (?, ?) on conflict do nothing")
                .params(questionId, caller.id()).update() == 1;
        if (counted) {
            events.publishEvent(new QuestionChanged(c.session().id(), questionId));
        }
        return counted;
    }

    @Transactional
    @SignedIn
    public QuestionView approve(long questionId) {
        return moderate(questionId, "update question set status = 'VISIBLE' where id = ?");
    }

    @Transactional
    @SignedIn
    public QuestionView hide(long questionId) {
        return moderate(questionId, "update question set status = 'HIDDEN', pinned = false where id = ?");
    }

    @Transactional
    @SignedIn
    public QuestionView setPinned(long questionId, boolean pinned) {
        return moderate(questionId, "update question set pinned = " + pinned + " where id = ?");
    }

    @Transactional
    @SignedIn
    public QuestionView setAnswered(long questionId, boolean answered) {
        return moderate(questionId, "update question set answered = " + answered + " where id = ?");
    }

    /** Answers in text, which also marks the question answered. */
    @Transactional
    @SignedIn
    public QuestionView answer(long questionId, String answer) {
        String a = TextInput.require(answer, MAX_ANSWER, "An answer needs 1 to " + MAX_ANSWER + " characters.",
                "An answer needs 1 to " + MAX_ANSWER + " characters.");
        AcademyUser caller = CurrentUser.require();
        Row q = find(questionId, caller);
        SessionContext c = staffOf(q);
        jdbc.sql("update question set answer_text = ?, answered = true where id = ?").params(a, questionId).update();
        events.publishEvent(new QuestionChanged(c.session().id(), questionId));
        return load(questionId, c, caller);
    }

    /** The questions of a session the caller may see, in the given order. */
    @Transactional(readOnly = true)
    @SignedIn
    public List<QuestionView> questions(long sessionId, QuestionOrder order) {
        AcademyUser caller = CurrentUser.require();
        SessionContext c = sessions.context(sessionId);
        String sort = order == QuestionOrder.NEWEST
                ? "q.pinned desc, q.created_at desc, q.id desc"
                : "q.pinned desc, upvotes desc, q.created_at, q.id";
        return jdbc.sql(select() + """
                        where q.session_id = :session
                          and (:staff or q.status = 'VISIBLE' or (q.status = 'PENDING' and q.author_id = :me))
                        order by""" + " " + sort)
                .param("session", sessionId).param("staff", c.isStaff()).param("me", caller.id())
                .query(RecordRowMapper.of(Row.class)).list().stream().map(r -> toView(r, c, caller)).toList();
    }

    private QuestionView moderate(long questionId, String sql) {
        AcademyUser caller = CurrentUser.require();
        Row q = find(questionId, caller);
        SessionContext c = staffOf(q);
        jdbc.sql(sql).param(questionId).update();
        events.publishEvent(new QuestionChanged(c.session().id(), questionId));
        return load(questionId, c, caller);
    }

    private String select() {
        return """
                select q.id, q.session_id, q.author_id, p.display_name as author_name, q.text, q.anonymous, q.status,
                       q.pinned, q.answered, q.answer_text,
                       (select count(*) from question_upvote u where u.question_id = q.id) as upvotes,
                       exists (select 1 from question_upvote u where u.question_id = q.id and u.user_id = :me) as upvoted_by_me,
                       q.created_at
                from question q join app_user p on p.id = q.author_id
                """;
    }

    private Row find(long questionId, AcademyUser caller) {
        return jdbc.sql(select() + " where q.id = :id").param("id", questionId).param("me", caller.id())
                .query(RecordRowMapper.of(Row.class)).optional().orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private QuestionView load(long questionId, SessionContext c, AcademyUser caller) {
        return toView(find(questionId, caller), c, caller);
    }

    /** Moderation changes the session's summary, so it is refused once the session has ended. */
    private SessionContext staffOf(Row q) {
        try {
            return sessions.requireStaffBeforeEnd(q.sessionId());
        } catch (NotFoundException e) {
            throw new NotFoundException(NOT_FOUND);
        }
    }

    private SessionContext learnerOf(Row q) {
        try {
            return sessions.requireLearnerBeforeEnd(q.sessionId());
        } catch (NotFoundException e) {
            throw new NotFoundException(NOT_FOUND);
        }
    }

    private static QuestionView toView(Row r, SessionContext c, AcademyUser caller) {
        boolean mine = r.authorId() == caller.id();
        String author = r.anonymous() && !c.isStaff() && !mine ? null : r.authorName();
        return new QuestionView(r.id(), r.sessionId(), r.text(), author, r.anonymous(), QuestionStatus.valueOf(r.status()),
                r.pinned(), r.answered(), r.answerText(), r.upvotes(), mine, r.upvotedByMe(), r.createdAt());
    }
}
