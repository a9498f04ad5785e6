package org.academy.project;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.RecordRowMapper;
import org.academy.base.TextInput;
import org.academy.cohort.CohortAccess;
import org.academy.cohort.CohortService;
import org.academy.notification.NotificationRequested;
import org.academy.notification.ProjectFeedbackNotice;
import org.academy.security.AcademyUser;
import org.academy.security.AdminOnly;
import org.academy.security.CurrentUser;
import org.academy.security.Learners;
import org.academy.security.Role;
import org.academy.security.SignedIn;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects: a brief on a lesson (written by authors), learners' submissions per cohort (every
 * version kept, replaceable until reviewed) and the staff's feedback. Membership is the cohort's
 * ({@link CohortService#requireAccess}); a submission is seen by its learner and the staff of its
 * cohort only, and everything else reads "not found" in the same words.
 */
@Service
public class ProjectService {

    static final String NOT_FOUND = "This project does not exist, or you are not a member of its cohort.";
    static final int MAX_BRIEF = 50_000;
    static final int MAX_ANSWER = 50_000;
    static final int MAX_FEEDBACK = 20_000;
    static final int MAX_GRADE = 40;
    static final int MAX_LINKS = 5;
    static final int MAX_LINK_LENGTH = 2_000;

    private final JdbcClient jdbc;
    private final CohortService cohorts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProjectService(JdbcClient jdbc, CohortService cohorts, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.cohorts = cohorts;
        this.events = events;
        this.clock = clock;
    }

    // ---- authoring -------------------------------------------------------------------------------

    /** The lesson's brief ("" when it has none); authors only. */
    @Transactional(readOnly = true)
    @AdminOnly
    public String brief(long lessonId) {
        CurrentUser.requireAny(Role.ADMIN);
        requireLesson(lessonId);
        return jdbc.sql("select brief_md from project_brief where lesson_id = ?").param(lessonId)
                .query(String.class).optional().orElse("");
    }

    /** Sets the lesson's brief; an empty brief removes the project from the lesson (submissions stay). */
    @Transactional
    @AdminOnly
    public String setBrief(long lessonId, String markdown) {
        CurrentUser.requireAny(Role.ADMIN);
        requireLesson(lessonId);
        if (TextInput.tooLong(markdown, MAX_BRIEF)) {
            throw new InvalidRequestException("A project brief can have at most " + MAX_BRIEF + " characters.");
        }
        String brief = TextInput.clean(markdown);
        if (brief.length() > MAX_BRIEF) {
            throw new InvalidRequestException("A project brief can have at most " + MAX_BRIEF + " characters.");
        }
        if (brief.isEmpty()) {
            jdbc.sql("delete from project_brief where lesson_id = ?").param(lessonId).update();
        } else {
            jdbc.sql("""
                    insert into project_brief (lesson_id, brief_md, updated_at) values (?, ?, ?)
                    on conflict (lesson_id) do update set brief_md = excluded.brief_md, updated_at = excluded.updated_at
                    """).params(lessonId, brief, now()).update();
        }
        return brief;
    }

    // ---- the lesson page ------------------------------------------------------------------------

    /**
     * The lesson's project as the caller sees it, or empty when the lesson has no brief. Members of
     * the cohort only; the lesson must belong to the cohort's course.
     */
    @Transactional(readOnly = true)
    @SignedIn
    public Optional<ProjectPage> page(long cohortId, long lessonId) {
        CohortAccess access = cohorts.requireAccess(cohortId);
        requireLessonOfCohort(cohortId, lessonId);
        Optional<String> brief = jdbc.sql("select brief_md from project_brief where lesson_id = ?").param(lessonId)
                .query(String.class).optional();
        if (brief.isEmpty()) {
            return Optional.empty();
        }
        if (access == CohortAccess.LEARNER) {
            long me = CurrentUser.require().id();
            Submission mine = submissionId(cohortId, lessonId, me).map(this::load).orElse(null);
            return Optional.of(new ProjectPage(cohortId, lessonId, brief.get(), true, mine, 0));
        }
        int waiting = jdbc.sql("""
                select count(*) from project_submission where cohort_id = ? and lesson_id = ? and status = 'WAITING'
                """).params(cohortId, lessonId).query(Integer.class).single();
        return Optional.of(new ProjectPage(cohortId, lessonId, brief.get(), false, null, waiting));
    }

    /**
     * Hands in a version of the caller's project. Replaces nothing: every version is kept. Refused
     * once the project was reviewed with a grade. The submission row is locked, so two tabs
     * submitting at once get consecutive versions, and the same text handed in twice while it
     * waits is one version.
     */
    @Transactional
    @Learners
    public Submission submit(long cohortId, long lessonId, String answer, List<String> links) {
        cohorts.requireLearner(cohortId);
        requireLessonOfCohort(cohortId, lessonId);
        if (jdbc.sql("select 1 from project_brief where lesson_id = ?").param(lessonId).query(Integer.class)
                .optional().isEmpty()) {
            throw new NotFoundException(NOT_FOUND);
        }
        String text = TextInput.require(answer, MAX_ANSWER, "Write your answer before submitting.",
                "An answer can have at most " + MAX_ANSWER + " characters.");
        List<String> cleanLinks = links(links);
        String joinedLinks = String.join("\n", cleanLinks);
        long me = CurrentUser.require().id();
        Timestamp now = now();
        jdbc.sql("""
                insert into project_submission (cohort_id, lesson_id, user_id, status, latest_version, waiting_since)
                values (?, ?, ?, 'WAITING', 0, ?) on conflict (cohort_id, lesson_id, user_id) do nothing
                """).params(cohortId, lessonId, me, now).update();
        Locked row = jdbc.sql("""
                select id, status, latest_version from project_submission
                where cohort_id = ? and lesson_id = ? and user_id = ? for update
                """).params(cohortId, lessonId, me).query(RecordRowMapper.of(Locked.class)).single();
        SubmissionStatus status = SubmissionStatus.valueOf(row.status());
        if (!status.learnerMaySubmit()) {
            throw new InvalidRequestException("Your project was reviewed; it cannot be changed any more.");
        }
        if (status == SubmissionStatus.WAITING && row.latestVersion() > 0) {
            boolean same = jdbc.sql("""
                    select answer_md = ? and links = ? from project_version where submission_id = ? and version = ?
                    """).params(text, joinedLinks, row.id(), row.latestVersion()).query(Boolean.class).single();
            if (same) {
                return load(row.id()); // a double submit: the same version, once
            }
        }
        int version = row.latestVersion() + 1;
        jdbc.sql("""
                insert into project_version (submission_id, version, answer_md, links, submitted_at)
                values (?, ?, ?, ?, ?)
                """).params(row.id(), version, text, joinedLinks, now).update();
        // A resubmission while waiting keeps its place in the queue; one after "needs another pass" joins its end.
        jdbc.sql("""
                update project_submission set latest_version = ?, status = 'WAITING',
                       waiting_since = case when status = 'WAITING' and latest_version > 0 then waiting_since else ? end
                where id = ?
                """).params(version, now, row.id()).update();
        events.publishEvent(new ProjectChanged(cohortId, lessonId, me, row.id()));
        return load(row.id());
    }

    private record Locked(long id, String status, int latestVersion) {
    }

    // ---- reviewing ------------------------------------------------------------------------------

    /** How many submissions of the cohort wait, and how many were reviewed; staff of the cohort only. */
    @Transactional(readOnly = true)
    @SignedIn
    public ReviewCounts counts(long cohortId) {
        cohorts.requireStaff(cohortId);
        return jdbc.sql("""
                select count(*) filter (where status = 'WAITING') as waiting,
                       count(*) filter (where status <> 'WAITING') as reviewed
                from project_submission where cohort_id = ? and latest_version > 0
                """).param(cohortId).query(RecordRowMapper.of(ReviewCounts.class)).single();
    }

    /**
     * The cohort's review queue: waiting submissions oldest first (by when they started waiting), or
     * reviewed ones most recently reviewed first. Staff of the cohort only.
     */
    @Transactional(readOnly = true)
    @SignedIn
    public List<QueueEntry> queue(long cohortId, boolean reviewed) {
        cohorts.requireStaff(cohortId);
        return jdbc.sql("""
                select s.id as submission_id, s.user_id as learner_id, u.display_name as learner_name,
                       s.lesson_id, l.title as lesson_title, s.latest_version, s.status, s.waiting_since, s.reviewed_at
                from project_submission s join app_user u on u.id = s.user_id join lesson l on l.id = s.lesson_id
                where s.cohort_id = ? and s.latest_version > 0 and (s.status = 'WAITING') = ?
                order by %s
                """.formatted(reviewed ? "s.reviewed_at desc, s.id desc" : "s.waiting_since, s.id"))
                .params(cohortId, !reviewed)
                .query((rs, i) -> new QueueEntry(rs.getLong("submission_id"), rs.getLong("learner_id"),
                        rs.getString("learner_name"), rs.getLong("lesson_id"), rs.getString("lesson_title"),
                        rs.getInt("latest_version"), SubmissionStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("waiting_since").toInstant(),
                        rs.getTimestamp("reviewed_at") == null ? null : rs.getTimestamp("reviewed_at").toInstant()))
                .list();
    }

    /** One submission with every version; its learner and the staff of its cohort only. */
    @Transactional(readOnly = true)
    @SignedIn
    public Submission submission(long submissionId) {
        requireReader(submissionId);
        return load(submissionId);
    }

    /**
     * Feedback on the latest version: a grade (final) or "needs another pass" (the learner may hand
     * in another version). Staff of the submission's cohort only; refused when the learner handed
     * in a newer version than the one the reviewer read, or when it was already reviewed.
     */
    @Transactional
    @SignedIn
    public Submission review(long submissionId, int version, String feedback, String grade, boolean needsAnotherPass) {
        Long cohortId = jdbc.sql("select cohort_id from project_submission where id = ?").param(submissionId)
                .query(Long.class).optional().orElseThrow(() -> new NotFoundException(NOT_FOUND));
        try {
            cohorts.requireStaff(cohortId);
        } catch (NotFoundException notStaff) {
            throw new NotFoundException(NOT_FOUND);
        }
        String text = TextInput.require(feedback, MAX_FEEDBACK, "Write some feedback for the learner.",
                "Feedback can have at most " + MAX_FEEDBACK + " characters.");
        String cleanGrade = TextInput.tooLong(grade, MAX_GRADE) ? null : TextInput.clean(grade);
        if (cleanGrade == null || cleanGrade.length() > MAX_GRADE) {
            throw new InvalidRequestException("A grade can have at most " + MAX_GRADE + " characters.");
        }
        if (!needsAnotherPass && cleanGrade.isEmpty()) {
            throw new InvalidRequestException("Give a grade, or ask for another pass.");
        }
        Row row = jdbc.sql("""
                select s.status, s.latest_version, s.user_id, s.lesson_id, l.title as lesson_title
                from project_submission s join lesson l on l.id = s.lesson_id where s.id = ? for update of s
                """).param(submissionId).query(RecordRowMapper.of(Row.class)).single();
        if (!SubmissionStatus.WAITING.name().equals(row.status())) {
            throw new InvalidRequestException("This submission was already reviewed; the learner has not handed in a new version.");
        }
        if (row.latestVersion() != version) {
            throw new InvalidRequestException("The learner handed in a newer version (" + row.latestVersion()
                    + ") while you were reading; read it, then write your feedback.");
        }
        AcademyUser reviewer = CurrentUser.require();
        Timestamp now = now();
        jdbc.sql("""
                update project_version set feedback_md = ?, grade = ?, needs_another_pass = ?, reviewed_by = ?, reviewed_at = ?
                where submission_id = ? and version = ?
                """).params(text, cleanGrade.isEmpty() ? null : cleanGrade, needsAnotherPass, reviewer.id(), now,
                submissionId, version).update();
        jdbc.sql("update project_submission set status = ?, reviewed_at = ? where id = ?")
                .params(needsAnotherPass ? SubmissionStatus.NEEDS_ANOTHER_PASS.name() : SubmissionStatus.REVIEWED.name(),
                        now, submissionId).update();
        events.publishEvent(new NotificationRequested(row.userId(), new ProjectFeedbackNotice(submissionId, version,
                "Feedback ready on your project for \"" + row.lessonTitle() + "\""
                        + (needsAnotherPass ? ": it needs another pass." : "."),
                "learn/" + cohortId + "/lesson/" + row.lessonId())));
        events.publishEvent(new ProjectChanged(cohortId, row.lessonId(), row.userId(), submissionId));
        return load(submissionId);
    }

    private record Row(String status, int latestVersion, long userId, long lessonId, String lessonTitle) {
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private void requireReader(long submissionId) {
        Optional<long[]> owner = jdbc.sql("select cohort_id, user_id from project_submission where id = ?")
                .param(submissionId).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional();
        if (owner.isEmpty()) {
            throw new NotFoundException(NOT_FOUND);
        }
        CohortAccess access;
        try {
            access = cohorts.requireAccess(owner.get()[0]);
        } catch (NotFoundException notMember) {
            throw new NotFoundException(NOT_FOUND);
        }
        if (!access.isStaff() && CurrentUser.require().id() != owner.get()[1]) {
            throw new NotFoundException(NOT_FOUND);
        }
    }

    private Optional<Long> submissionId(long cohortId, long lessonId, long userId) {
        return jdbc.sql("""
                select id from project_submission where cohort_id = ? and lesson_id = ? and user_id = ? and latest_version > 0
                """).params(cohortId, lessonId, userId).query(Long.class).optional();
    }

    private Submission load(long submissionId) {
        record Head(long id, long cohortId, long lessonId, String lessonTitle, long userId, String displayName,
                    String status) {
        }
        Head head = jdbc.sql("""
                select s.id, s.cohort_id, s.lesson_id, l.title as lesson_title, s.user_id, u.display_name, s.status
                from project_submission s join lesson l on l.id = s.lesson_id join app_user u on u.id = s.user_id
                where s.id = ?
                """).param(submissionId).query(RecordRowMapper.of(Head.class)).single();
        List<SubmissionVersion> versions = jdbc.sql("""
                select v.version, v.answer_md, v.links, v.submitted_at, v.feedback_md, v.grade, v.needs_another_pass,
                       r.display_name as reviewer_name, v.reviewed_at
                from project_version v left join app_user r on r.id = v.reviewed_by
                where v.submission_id = ? order by v.version
                """).param(submissionId).query((rs, i) -> new SubmissionVersion(rs.getInt("version"),
                rs.getString("answer_md"), splitLinks(rs.getString("links")), rs.getTimestamp("submitted_at").toInstant(),
                rs.getString("feedback_md"), rs.getString("grade"), rs.getBoolean("needs_another_pass"),
                rs.getString("reviewer_name"),
                rs.getTimestamp("reviewed_at") == null ? null : rs.getTimestamp("reviewed_at").toInstant())).list();
        return new Submission(head.id(), head.cohortId(), head.lessonId(), head.lessonTitle(), head.userId(),
                head.displayName(), SubmissionStatus.valueOf(head.status()), versions);
    }

    private static List<String> splitLinks(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\n"));
    }

    /** At most a few http(s) links with a host; blank lines are ignored, anything else is refused. */
    static List<String> links(List<String> links) {
        List<String> result = new ArrayList<>();
        for (String raw : links == null ? List.<String>of() : links) {
            if (TextInput.tooLong(raw, MAX_LINK_LENGTH)) {
                throw new InvalidRequestException("A link can have at most " + MAX_LINK_LENGTH + " characters.");
            }
            String link = TextInput.clean(raw);
            if (link.isEmpty()) {
                continue;
            }
            if (link.length() > MAX_LINK_LENGTH) {
                throw new InvalidRequestException("A link can have at most " + MAX_LINK_LENGTH + " characters.");
            }
            if (!isWebLink(link)) {
                throw new InvalidRequestException("\"" + (link.length() > 60 ? link.substring(0, 57) + "…" : link)
                        + "\" is not a web link; links start with http:// or https://.");
            }
            if (!result.contains(link)) {
                result.add(link);
            }
        }
        if (result.size() > MAX_LINKS) {
            throw new InvalidRequestException("Add at most " + MAX_LINKS + " links.");
        }
        return result;
    }

    private static boolean isWebLink(String link) {
        if (link.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && !uri.getHost().isBlank() && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private void requireLesson(long lessonId) {
        if (jdbc.sql("select 1 from lesson where id = ?").param(lessonId).query(Integer.class).optional().isEmpty()) {
            throw new NotFoundException("This lesson does not exist.");
        }
    }

    private void requireLessonOfCohort(long cohortId, long lessonId) {
        if (jdbc.sql("select 1 from lesson l join cohort c on c.course_id = l.course_id where c.id = ? and l.id = ?")
                .params(cohortId, lessonId).query(Integer.class).optional().isEmpty()) {
            throw new NotFoundException(NOT_FOUND);
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
