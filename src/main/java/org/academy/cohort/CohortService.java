package org.academy.cohort;

import java.sql.Timestamp;
import java.time.Clock;

import org.academy.security.Staff;
import org.academy.security.OrganisationAdmins;
import org.academy.security.AdminOnly;
import org.academy.security.SignedIn;

import org.academy.base.RecordRowMapper;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.course.CourseService;
import org.academy.identity.IdentityService;
import org.academy.identity.PersonSummary;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.academy.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cohorts and who belongs to them. Every read checks that the caller is a member: a learner
 * only sees cohorts they are enrolled in, an instructor only those they teach, an administrator all. A cohort the caller may not
 * see is reported as not found, never as forbidden, so ids cannot be probed. Org admins see their
 * organisation's learners through {@code ProgressService}, not cohorts as such.
 */
@Service
public class CohortService {

    static final String NOT_FOUND = "This cohort does not exist, or you are not a member of it.";

    private final CohortRepository cohorts;
    private final CourseService courses;
    private final IdentityService identity;
    private final JdbcClient jdbc;
    private final SeatEntitlements seats;
    private final Clock clock;

    CohortService(CohortRepository cohorts, CourseService courses, IdentityService identity, JdbcClient jdbc,
                  SeatEntitlements seats, Clock clock) {
        this.clock = clock;
        this.cohorts = cohorts;
        this.courses = courses;
        this.identity = identity;
        this.jdbc = jdbc;
        this.seats = seats;
    }

    @Transactional
    @AdminOnly
    public CohortSummary createCohort(long courseId, String name, LocalDate startsOn, LocalDate endsOn) {
        CurrentUser.requireAny(Role.ADMIN);
        validate(name, startsOn, endsOn);
        if (!courses.outline(courseId).published()) {
            throw new InvalidRequestException("Publish the course before creating cohorts for it.");
        }
        Cohort saved = cohorts.saveAndFlush(new Cohort(courseId, name.strip(), startsOn, endsOn, clock.instant()));
        return summaries(List.of(saved)).getFirst();
    }

    @Transactional
    @AdminOnly
    public void addInstructor(long cohortId, long userId) {
        CurrentUser.requireAny(Role.ADMIN);
        requireExisting(cohortId);
        PersonSummary person = identity.findPerson(userId)
                .orElseThrow(() -> new NotFoundException("That person does not exist."));
        if (!person.roles().contains(Role.INSTRUCTOR)) {
            throw new InvalidRequestException(person.displayName() + " is not an instructor.");
        }
        jdbc.sql("insert into cohort_instructor (cohort_id, user_id) values (?, ?) on conflict do nothing")
                .params(cohortId, userId).update();
    }

    /** The instructors of a cohort, by name; administrators only. */
    @Transactional(readOnly = true)
    @AdminOnly
    public List<PersonSummary> instructors(long cohortId) {
        CurrentUser.requireAny(Role.ADMIN);
        requireExisting(cohortId);
        return jdbc.sql("""
                select ci.user_id from cohort_instructor ci join app_user p on p.id = ci.user_id
                where ci.cohort_id = ? order by lower(p.display_name)
                """).param(cohortId).query(Long.class).list().stream()
                .flatMap(id -> identity.findPerson(id).stream()).toList();
    }

    @Transactional
    @AdminOnly
    public void removeInstructor(long cohortId, long userId) {
        CurrentUser.requireAny(Role.ADMIN);
        requireExisting(cohortId);
        jdbc.sql("delete from cohort_instructor where cohort_id = ? and user_id = ?").params(cohortId, userId).update();
    }

    /** Renames a cohort or changes its dates; administrators only. */
    @Transactional
    @AdminOnly
    public CohortSummary editCohort(long cohortId, String name, LocalDate startsOn, LocalDate endsOn) {
        CurrentUser.requireAny(Role.ADMIN);
        validate(name, startsOn, endsOn);
        Cohort cohort = requireExisting(cohortId);
        cohort.edit(name.strip(), startsOn, endsOn);
        cohorts.flush();
        return summaries(List.of(cohort)).getFirst();
    }

    /**
     * Moves a learner to another cohort of the same course in one transaction: they leave the old
     * one and join the new one. Completions belong to the person and the lesson, so their progress
     * comes with them. Administrators only.
     */
    @Transactional
    @AdminOnly
    public void moveLearner(long userId, long fromCohortId, long toCohortId) {
        CurrentUser.requireAny(Role.ADMIN);
        Cohort from = requireExisting(fromCohortId);
        Cohort to = requireExisting(toCohortId);
        if (fromCohortId == toCohortId) {
            throw new InvalidRequestException("The learner is already in that cohort.");
        }
        if (!from.getCourseId().equals(to.getCourseId())) {
            throw new InvalidRequestException("Learners can only move between cohorts of the same course.");
        }
        int removed = jdbc.sql("delete from enrolment where cohort_id = ? and user_id = ?")
                .params(fromCohortId, userId).update();
        if (removed == 0) {
            throw new InvalidRequestException("That person is not a learner of " + from.getName() + ".");
        }
        jdbc.sql("insert into enrolment (cohort_id, user_id, enrolled_at) values (?, ?, ?) on conflict do nothing")
                .params(toCohortId, userId, Timestamp.from(clock.instant())).update();
    }

    /**
     * Enrols a learner; enrolling someone twice changes nothing. Administrators; org admins only
     * for people of their own organisation who hold a live seat of its pools for this cohort (the
     * seat is what the customer paid for), which is how the seats feature enrols them.
     */
    @Transactional
    @OrganisationAdmins
    public void enrol(long cohortId, long userId) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN, Role.ORG_ADMIN);
        requireExisting(cohortId);
        PersonSummary person = identity.findPerson(userId)
                .orElseThrow(() -> new NotFoundException("That person does not exist."));
        if (!person.roles().contains(Role.STUDENT)) {
            throw new InvalidRequestException(person.displayName() + " is not a student.");
        }
        if (!caller.has(Role.ADMIN) && (caller.organisationId() == null
                || !seats.entitles(caller.organisationId(), userId, cohortId))) {
            throw new AccessDeniedException(person.displayName()
                    + " holds no seat of your organisation for this cohort; assign one on the Seats page.");
        }
        jdbc.sql("insert into enrolment (cohort_id, user_id, enrolled_at) values (?, ?, ?) on conflict do nothing")
                .params(cohortId, userId, Timestamp.from(clock.instant())).update();
    }

    /**
     * Removes a learner from a cohort: they lose access, their completions stay (they belong to the
     * person). Administrators only: an org admin frees a place by revoking the seat (which leaves
     * the course through {@link #unenrolFromCourse}).
     */
    @Transactional
    @AdminOnly
    public void unenrol(long cohortId, long userId) {
        CurrentUser.requireAny(Role.ADMIN);
        requireExisting(cohortId);
        identity.findPerson(userId).orElseThrow(() -> new NotFoundException("That person does not exist."));
        jdbc.sql("delete from enrolment where cohort_id = ? and user_id = ?").params(cohortId, userId).update();
    }

    /**
     * Removes a learner from every cohort of a course (their seat for it was freed); completions
     * stay. Administrators, and org admins for people of their own organisation. Returns how many
     * cohorts they left.
     */
    @Transactional
    @OrganisationAdmins
    public int unenrolFromCourse(long userId, long courseId) {
        CurrentUser.requireAny(Role.ADMIN, Role.ORG_ADMIN);
        identity.findPerson(userId).orElseThrow(() -> new NotFoundException("That person does not exist."));
        return jdbc.sql("""
                delete from enrolment e using cohort c
                where e.cohort_id = c.id and c.course_id = ? and e.user_id = ?
                """).params(courseId, userId).update();
    }

    /** The cohorts the caller belongs to, soonest first. */
    @Transactional(readOnly = true)
    @SignedIn
    public List<CohortSummary> myCohorts() {
        AcademyUser caller = CurrentUser.require();
        List<Long> ids;
        if (caller.has(Role.ADMIN)) {
            ids = jdbc.sql("select id from cohort").query(Long.class).list();
        } else {
            ids = jdbc.sql("""
                    select cohort_id from enrolment where user_id = :u
                    union select cohort_id from cohort_instructor where user_id = :u
                    """)
                    .param("u", caller.id())
                    .query(Long.class).list();
        }
        return summaries(cohorts.findAllById(ids));
    }

    /** The cohorts of one course, soonest first: what a learner can move to, or a pool can be for. Administrators only. */
    @Transactional(readOnly = true)
    @AdminOnly
    public List<CohortSummary> cohortsOfCourse(long courseId) {
        CurrentUser.requireAny(Role.ADMIN);
        return summaries(cohorts.findAllById(jdbc.sql("select id from cohort where course_id = ?").param(courseId)
                .query(Long.class).list()));
    }

    /** The cohorts the caller teaches (every cohort, for administrators), soonest first. */
    @Transactional(readOnly = true)
    @Staff
    public List<CohortSummary> staffCohorts() {
        AcademyUser caller = CurrentUser.requireAny(Role.INSTRUCTOR, Role.ADMIN);
        List<Long> ids = caller.has(Role.ADMIN)
                ? jdbc.sql("select id from cohort").query(Long.class).list()
                : jdbc.sql("select cohort_id from cohort_instructor where user_id = ?").param(caller.id())
                        .query(Long.class).list();
        return summaries(cohorts.findAllById(ids));
    }

    private static final Map<String, String> COHORT_SORT = Map.of(
            "name", "lower(c.name)", "course", "lower(co.title)", "starts", "c.starts_on");

    /** One page of all cohorts, matching a text in their name or course; administrators only. */
    @Transactional(readOnly = true)
    @AdminOnly
    public List<CohortSummary> cohorts(String text, org.academy.base.Paging page) {
        CurrentUser.requireAny(Role.ADMIN);
        List<Long> ids = jdbc.sql("""
                select c.id from cohort c join course co on co.id = c.course_id
                where (:text = '' or c.name ilike :pattern or co.title ilike :pattern)
                order by %s offset :offset limit :limit
                """.formatted(page.orderBy(COHORT_SORT, "starts", "c.id")))
                .param("text", org.academy.base.SearchText.trimmed(text))
                .param("pattern", org.academy.base.SearchText.containsPattern(text))
                .param("offset", page.offset()).param("limit", page.limit()).query(Long.class).list();
        Map<Long, CohortSummary> byId = summaries(cohorts.findAllById(ids)).stream()
                .collect(Collectors.toMap(CohortSummary::id, c -> c));
        return ids.stream().map(byId::get).toList();
    }

    @Transactional(readOnly = true)
    @AdminOnly
    public int countCohorts(String text) {
        CurrentUser.requireAny(Role.ADMIN);
        return jdbc.sql("""
                select count(*) from cohort c join course co on co.id = c.course_id
                where (:text = '' or c.name ilike :pattern or co.title ilike :pattern)
                """).param("text", org.academy.base.SearchText.trimmed(text))
                .param("pattern", org.academy.base.SearchText.containsPattern(text)).query(Integer.class).single();
    }

    /** How the caller relates to the cohort, or not found if they do not belong to it. */
    @Transactional(readOnly = true)
    @SignedIn
    public CohortAccess requireAccess(long cohortId) {
        return accessOf(CurrentUser.require(), cohortId).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    /** The cohort and how the caller belongs to it; not found if they do not. */
    @Transactional(readOnly = true)
    @SignedIn
    public CohortMembership membership(long cohortId) {
        CohortAccess access = requireAccess(cohortId);
        return new CohortMembership(summaries(List.of(requireExisting(cohortId))).getFirst(), access);
    }

    /** The cohort, if the caller is a learner, instructor of it, or an administrator. */
    @Transactional(readOnly = true)
    @SignedIn
    public CohortSummary cohort(long cohortId) {
        return membership(cohortId).cohort();
    }

    /** The cohort, if the caller teaches it or administers the platform; not found for everyone else. */
    @Transactional(readOnly = true)
    @SignedIn
    public CohortSummary requireStaff(long cohortId) {
        CohortMembership m = membership(cohortId);
        if (!m.access().isStaff()) {
            throw new NotFoundException(NOT_FOUND);
        }
        return m.cohort();
    }

    /** The cohort, if the caller is enrolled in it. */
    @Transactional(readOnly = true)
    @SignedIn
    public CohortSummary requireLearner(long cohortId) {
        CohortMembership m = membership(cohortId);
        if (m.access() != CohortAccess.LEARNER) {
            throw new NotFoundException(NOT_FOUND);
        }
        return m.cohort();
    }

    /** The learners of a cohort, by name; staff only. */
    @Transactional(readOnly = true)
    @SignedIn
    public List<CohortLearner> learners(long cohortId) {
        requireStaff(cohortId);
        return jdbc.sql("""
                select p.id as user_id, p.display_name, p.email, p.organisation_id, e.enrolled_at
                from enrolment e join app_user p on p.id = e.user_id
                where e.cohort_id = ? order by lower(p.display_name), p.id
                """).param(cohortId).query(RecordRowMapper.of(CohortLearner.class)).list();
    }

    Optional<CohortAccess> accessOf(AcademyUser caller, long cohortId) {
        if (!cohorts.existsById(cohortId)) {
            return Optional.empty();
        }
        if (caller.has(Role.ADMIN)) {
            return Optional.of(CohortAccess.ADMIN);
        }
        if (caller.has(Role.INSTRUCTOR) && exists("select 1 from cohort_instructor where cohort_id = ? and user_id = ?",
                cohortId, caller.id())) {
            return Optional.of(CohortAccess.INSTRUCTOR);
        }
        if (caller.has(Role.STUDENT) && exists("select 1 from enrolment where cohort_id = ? and user_id = ?",
                cohortId, caller.id())) {
            return Optional.of(CohortAccess.LEARNER);
        }
        return Optional.empty();
    }

    private boolean exists(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).optional().isPresent();
    }

    private static void validate(String name, LocalDate startsOn, LocalDate endsOn) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidRequestException("A cohort needs a name of 1 to 200 characters.");
        }
        if (startsOn == null || endsOn == null || endsOn.isBefore(startsOn)) {
            throw new InvalidRequestException("A cohort needs a start date and an end date on or after it.");
        }
    }

    private Cohort requireExisting(long cohortId) {
        return cohorts.findById(cohortId).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private List<CohortSummary> summaries(Collection<Cohort> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        List<Long> ids = list.stream().map(Cohort::getId).toList();
        Map<Long, Integer> learnerCounts = jdbc.sql(
                        "select cohort_id, count(*) as n from enrolment where cohort_id in (:ids) group by cohort_id")
                .param("ids", ids)
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<Long, List<String>> instructors = jdbc.sql("""
                        select ci.cohort_id, p.display_name from cohort_instructor ci join app_user p on p.id = ci.user_id
                        where ci.cohort_id in (:ids) order by p.display_name
                        """)
                .param("ids", ids)
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return list.stream()
                .sorted(java.util.Comparator.comparing(Cohort::getStartsOn).thenComparing(Cohort::getId))
                .map(c -> new CohortSummary(c.getId(), c.getCourseId(), courses.title(c.getCourseId()),
                        c.getName(), c.getStartsOn(), c.getEndsOn(), learnerCounts.getOrDefault(c.getId(), 0),
                        instructors.getOrDefault(c.getId(), List.of())))
                .toList();
    }
}
