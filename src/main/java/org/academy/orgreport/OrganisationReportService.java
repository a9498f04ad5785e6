package org.academy.orgreport;

import org.academy.security.OrganisationAdmins;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import org.academy.base.Csv;
import org.academy.base.NotFoundException;
import org.academy.base.Paging;
import org.academy.base.RecordRowMapper;
import org.academy.base.SearchText;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.academy.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Attendance and completion of an organisation's people, per cohort and per learner, for the
 * organisation's own admin (their organisation only) and platform administrators (any). Read-only
 * SQL over what the progress and live-session features recorded; pages are cut in the database so
 * an organisation with ten thousand learners is never loaded whole, except into the CSV export.
 */
@Service
public class OrganisationReportService {

    static final String NOT_FOUND = "This organisation does not exist, or it is not yours.";

    private static final String LEARNER_ROWS = """
            select u.id as user_id, u.display_name, u.email, c.id as cohort_id, c.name as cohort_name,
                   (select count(*) from lesson_completion lc join lesson l on l.id = lc.lesson_id
                     where lc.user_id = u.id and l.course_id = c.course_id) as completed_lessons,
                   (select count(*) from lesson l where l.course_id = c.course_id) as total_lessons,
                   (select count(*) from session_attendance sa join live_session s on s.id = sa.session_id
                     where s.cohort_id = c.id and sa.user_id = u.id) as sessions_attended,
                   (select count(*) from live_session s where s.cohort_id = c.id and s.started_at is not null) as sessions_held,
                   a.last_activity_at,
                   (select count(*) from project_brief pb join lesson l on l.id = pb.lesson_id
                     where l.course_id = c.course_id) as projects_total,
                   (select count(*) from project_submission ps
                     where ps.cohort_id = c.id and ps.user_id = u.id and ps.latest_version > 0) as projects_submitted,
                   (select count(*) from project_submission ps
                     where ps.cohort_id = c.id and ps.user_id = u.id and ps.status = 'REVIEWED') as projects_reviewed,
                   (select count(distinct qa.quiz_id) from quiz_attempt qa
                     where qa.cohort_id = c.id and qa.user_id = u.id) as quizzes_taken,
                   -- Each quiz counts as its current version says: the best attempt or the last one.
                   (select round(avg(counted.score)) from (
                       select case when qv.counted = 'BEST' then max(qa.score_percent)
                                   else (array_agg(qa.score_percent order by qa.number desc))[1] end as score
                       from quiz_attempt qa
                       join lateral (select v.counted from quiz_version v where v.quiz_id = qa.quiz_id
                                     order by v.version desc limit 1) qv on true
                       where qa.cohort_id = c.id and qa.user_id = u.id
                       group by qa.quiz_id, qv.counted) counted) as quiz_average
            from enrolment e join app_user u on u.id = e.user_id join cohort c on c.id = e.cohort_id
            left join learner_activity a on a.cohort_id = c.id and a.user_id = u.id
            where u.organisation_id = :org
            """;

    // Percent rounds down, like the learner's own progress bar: 100 % means every lesson.
    private static final String WITH_PERCENT = """
            select r.*, case when r.total_lessons = 0 then 0
                             else least(100, r.completed_lessons * 100 / r.total_lessons) end as percent
            from (%s) r
            """;

    private static final Map<String, String> LEARNER_SORT = Map.of(
            "name", "lower(display_name)", "email", "lower(email)", "cohort", "lower(cohort_name)",
            "progress", "percent", "attendance", "sessions_attended", "lastActivity", "last_activity_at");

    private final JdbcClient jdbc;

    OrganisationReportService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The organisation's cohorts, soonest first, with attendance and completion figures. */
    @Transactional(readOnly = true)
    @OrganisationAdmins
    public List<CohortReport> cohorts(long organisationId) {
        requireOrganisation(organisationId);
        return jdbc.sql("""
                select p.cohort_id, c.name as cohort_name, co.title as course_title, c.starts_on, c.ends_on,
                       count(*) as learners, max(p.total_lessons) as total_lessons,
                       coalesce(avg(p.percent), 0)::int as average_percent,
                       count(*) filter (where p.total_lessons > 0 and p.completed_lessons >= p.total_lessons) as finished,
                       max(p.sessions_held) as sessions_held,
                       case when max(p.sessions_held) = 0 then 0
                            else (sum(p.sessions_attended) * 100 / (count(*) * max(p.sessions_held)))::int end
                            as attendance_percent
                from (%s) p join cohort c on c.id = p.cohort_id join course co on co.id = c.course_id
                group by p.cohort_id, c.name, co.title, c.starts_on, c.ends_on
                order by c.starts_on, p.cohort_id
                """.formatted(WITH_PERCENT.formatted(LEARNER_ROWS)))
                .param("org", organisationId).query(RecordRowMapper.of(CohortReport.class)).list();
    }

    /** One page of the organisation's learners, optionally of one cohort and matching a text. */
    @Transactional(readOnly = true)
    @OrganisationAdmins
    public List<LearnerReport> learners(long organisationId, Long cohortId, String text, Paging page) {
        requireOrganisation(organisationId);
        return jdbc.sql(WITH_PERCENT.formatted(LEARNER_ROWS + FILTER) + " order by %s offset :offset limit :limit"
                        .formatted(page.orderBy(LEARNER_SORT, "name", "user_id, cohort_id")))
                .param("org", organisationId).param("cohort", cohortId == null ? 0L : cohortId)
                .param("text", SearchText.trimmed(text)).param("pattern", SearchText.containsPattern(text))
                .param("offset", page.offset()).param("limit", page.limit())
                .query(RecordRowMapper.of(LearnerReport.class)).list();
    }

    @Transactional(readOnly = true)
    @OrganisationAdmins
    public int countLearners(long organisationId, Long cohortId, String text) {
        requireOrganisation(organisationId);
        return jdbc.sql("""
                select count(*) from enrolment e join app_user u on u.id = e.user_id join cohort c on c.id = e.cohort_id
                where u.organisation_id = :org
                """ + FILTER)
                .param("org", organisationId).param("cohort", cohortId == null ? 0L : cohortId)
                .param("text", SearchText.trimmed(text)).param("pattern", SearchText.containsPattern(text))
                .query(Integer.class).single();
    }

    private static final String FILTER = """
              and (:cohort = 0 or c.id = :cohort)
              and (:text = '' or u.display_name ilike :pattern or u.email ilike :pattern)
            """;

    /**
     * Completion per learner and cohort as CSV, every row of the organisation (streamed from the
     * database row by row into the text). Spreadsheet formulas in names are escaped.
     */
    @Transactional(readOnly = true)
    @OrganisationAdmins
    public String completionCsv(long organisationId) {
        requireOrganisation(organisationId);
        Csv csv = new Csv().row("name", "email", "cohort", "lessons_completed", "lessons_total", "percent",
                "sessions_attended", "sessions_held", "last_activity_at", "projects_total", "projects_submitted",
                "projects_reviewed", "quizzes_taken", "quiz_average_percent");
        jdbc.sql(WITH_PERCENT.formatted(LEARNER_ROWS) + " order by lower(r.display_name), r.user_id, r.cohort_id")
                .param("org", organisationId)
                .query(rs -> {
                    Timestamp last = rs.getTimestamp("last_activity_at");
                    csv.row(rs.getString("display_name"), rs.getString("email"), rs.getString("cohort_name"),
                            rs.getInt("completed_lessons"), rs.getInt("total_lessons"), rs.getInt("percent"),
                            rs.getInt("sessions_attended"), rs.getInt("sessions_held"),
                            last == null ? "" : last.toInstant().toString(), rs.getInt("projects_total"),
                            rs.getInt("projects_submitted"), rs.getInt("projects_reviewed"), rs.getInt("quizzes_taken"),
                            rs.getObject("quiz_average") == null ? "" : rs.getInt("quiz_average"));
                });
        return csv.toString();
    }

    /** Administrators any organisation; org admins their own; everyone else: not found. */
    private static void requireOrganisation(long organisationId) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN, Role.ORG_ADMIN);
        if (!caller.has(Role.ADMIN) && !Long.valueOf(organisationId).equals(caller.organisationId())) {
            throw new NotFoundException(NOT_FOUND);
        }
    }
}
