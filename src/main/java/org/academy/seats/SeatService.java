package org.academy.seats;

import org.academy.security.OrganisationAdmins;
import org.academy.security.AdminOnly;

import org.academy.base.Csv;
import org.academy.base.Paging;
import org.academy.base.SearchText;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.RecordRowMapper;
import org.academy.cohort.CohortService;
import org.academy.identity.IdentityService;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.academy.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seats companies bought. Platform administrators create pools; an organisation's own admin
 * assigns, revokes, swaps and reclaims the seats of their organisation only. A pool never has more
 * live assignments than seats: assignment locks the pool row, so two admins taking the last seat at
 * once are serialised and the second is told there is none left. Every change is audited.
 */
@Service
public class SeatService {

    private static final Logger log = LoggerFactory.getLogger(SeatService.class);
    public static final int EXPIRING_WITHIN_DAYS = 14;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    static final String NOT_FOUND = "This seat pool does not exist, or it is not your organisation's.";

    private final IdentityService identity;
    private final CohortService cohorts;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    SeatService(IdentityService identity, CohortService cohorts, JdbcClient jdbc, Clock clock,
                org.springframework.context.ApplicationEventPublisher events, PlatformTransactionManager transactionManager) {
        this.identity = identity;
        this.cohorts = cohorts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** An existing account hears of its new seat; a new one was sent its invitation already. */
    private void seatAssigned(long assignmentId, long courseId, long userId, boolean invited) {
        if (invited) {
            return;
        }
        String course = jdbc.sql("select title from course where id = ?").param(courseId).query(String.class).single();
        events.publishEvent(new org.academy.notification.NotificationRequested(userId,
                new org.academy.notification.SeatAssignedNotice(assignmentId, course)));
    }

    private record Pool(long id, long organisationId, long courseId, Long cohortId, int seats, LocalDate validFrom,
                        LocalDate validUntil) {
    }

    /** The result of assigning a seat: who holds it, and the invitation token when an account was created. */
    public record Assignment(SeatHolder holder, UUID invitation) {
    }

    @Transactional
    @AdminOnly
    public SeatPoolSummary createPool(long organisationId, long courseId, Long cohortId, int seats, LocalDate validFrom,
                                      LocalDate validUntil) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN);
        if (seats < 1 || seats > 100_000) {
            throw new InvalidRequestException("A pool needs 1 to 100,000 seats.");
        }
        if (validFrom == null || validUntil == null || validUntil.isBefore(validFrom)) {
            throw new InvalidRequestException("A pool needs a validity period that ends on or after it starts.");
        }
        if (cohortId != null && cohorts.cohort(cohortId).courseId() != courseId) {
            throw new InvalidRequestException("That cohort is of another course.");
        }
        long id = jdbc.sql("""
                insert into seat_pool (organisation_id, course_id, cohort_id, seats, valid_from, valid_until)
                values (?, ?, ?, ?, ?, ?) returning id
                """).params(organisationId, courseId, cohortId, seats, validFrom, validUntil).query(Long.class).single();
        audit(organisationId, id, caller, "POOL_CREATED", null, seats + " seats");
        return pools(organisationId).stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    /**
     * Changes how many seats a pool has and until when it is valid (a customer buys more, or
     * extends). Never below the seats assigned now: the pool row is locked, so an assignment
     * running at the same moment is counted. Administrators only.
     */
    @Transactional
    @AdminOnly
    public SeatPoolSummary changePool(long poolId, int seats, LocalDate validUntil) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN);
        Pool pool = lockPool(poolId);
        if (seats < 1 || seats > 100_000) {
            throw new InvalidRequestException("A pool needs 1 to 100,000 seats.");
        }
        if (validUntil == null || validUntil.isBefore(pool.validFrom())) {
            throw new InvalidRequestException("The pool must stay valid until at least " + pool.validFrom() + ".");
        }
        int assigned = jdbc.sql("select count(*) from seat_assignment where pool_id = ? and revoked_at is null")
                .param(poolId).query(Integer.class).single();
        if (seats < assigned) {
            throw new InvalidRequestException(assigned + " seats are assigned; revoke some before lowering the pool to "
                    + seats + ".");
        }
        jdbc.sql("update seat_pool set seats = ?, valid_until = ? where id = ?").params(seats, validUntil, poolId).update();
        audit(pool.organisationId(), poolId, caller, "POOL_CHANGED", null,
                pool.seats() + " → " + seats + " seats, valid until " + validUntil);
        return pools(pool.organisationId()).stream().filter(p -> p.id() == poolId).findFirst().orElseThrow();
    }

    /** An organisation's pools with bought, assigned, free and expiring. */
    @Transactional(readOnly = true)
    @OrganisationAdmins
    public List<SeatPoolSummary> pools(long organisationId) {
        requireOrganisation(organisationId);
        LocalDate soon = LocalDate.now(clock).plusDays(EXPIRING_WITHIN_DAYS);
        return jdbc.sql("""
                select p.id, p.organisation_id, p.course_id, p.cohort_id, p.seats as bought,
                       (select count(*) from seat_assignment a where a.pool_id = p.id and a.revoked_at is null) as assigned,
                       p.valid_from, p.valid_until, p.valid_until <= ? as expiring
                from seat_pool p where p.organisation_id = ? order by p.valid_until, p.id
                """).params(soon, organisationId).query(RecordRowMapper.of(SeatPoolSummary.class)).list();
    }

    private static final Map<String, String> HOLDER_SORT = Map.of(
            "name", "lower(u.display_name)", "email", "lower(u.email)", "assigned", "a.assigned_at",
            "lastLogin", "u.last_login_at");

    private static final String HOLDER_COLUMNS = """
            select a.id as assignment_id, a.pool_id, u.id as user_id, u.display_name, u.email, a.assigned_at,
                   u.last_login_at is null as never_logged_in, u.activated_at is null as invited
            from seat_assignment a join app_user u on u.id = a.user_id
            """;

    /**
     * One page of a pool's holders whose name or email contains the text. Unless another sort is
     * asked for, people who never logged in come first: they are the ones an admin acts on.
     */
    @Transactional(readOnly = true)
    @OrganisationAdmins
    public List<SeatHolder> holders(long poolId, String text, Paging page) {
        requirePool(poolId);
        String order = page.sortKey() == null || !HOLDER_SORT.containsKey(page.sortKey())
                ? "(u.last_login_at is null) desc, lower(u.display_name), a.id"
                : page.orderBy(HOLDER_SORT, "name", "a.id");
        return jdbc.sql(HOLDER_COLUMNS + """
                where a.pool_id = :pool and a.revoked_at is null
                  and (:text = '' or u.display_name ilike :pattern or u.email ilike :pattern)
                order by %s offset :offset limit :limit
                """.formatted(order))
                .param("pool", poolId).param("text", SearchText.trimmed(text)).param("pattern", SearchText.containsPattern(text))
                .param("offset", page.offset()).param("limit", page.limit())
                .query(RecordRowMapper.of(SeatHolder.class)).list();
    }

    @Transactional(readOnly = true)
    @OrganisationAdmins
    public int countHolders(long poolId, String text) {
        requirePool(poolId);
        return jdbc.sql("""
                select count(*) from seat_assignment a join app_user u on u.id = a.user_id
                where a.pool_id = :pool and a.revoked_at is null
                  and (:text = '' or u.display_name ilike :pattern or u.email ilike :pattern)
                """).param("pool", poolId).param("text", SearchText.trimmed(text)).param("pattern", SearchText.containsPattern(text))
                .query(Integer.class).single();
    }

    /** Who the reclaim button would free, and from when: no-shows count from the cohort's start. */
    public record NoShows(LocalDate from, int count, boolean reclaimable) {
    }

    /**
     * People who hold a seat and never logged in, counted against the start of the pool's cohort
     * (or of the pool's validity when it is for no particular cohort). They can be reclaimed once
     * that day has come: before it, not having logged in yet is normal.
     */
    @Transactional(readOnly = true)
    @OrganisationAdmins
    public NoShows noShows(long poolId) {
        requirePool(poolId);
        LocalDate from = jdbc.sql("""
                select coalesce(c.starts_on, p.valid_from) from seat_pool p left join cohort c on c.id = p.cohort_id
                where p.id = ?
                """).param(poolId).query(LocalDate.class).single();
        int count = jdbc.sql("""
                select count(*) from seat_assignment a join app_user u on u.id = a.user_id
                where a.pool_id = ? and a.revoked_at is null and u.last_login_at is null
                """).param(poolId).query(Integer.class).single();
        return new NoShows(from, count, !LocalDate.now(clock).isBefore(from));
    }

    /**
     * Gives a seat of the pool to the person with this email, inviting them if they have no account,
     * and enrols them in the pool's cohort. Refused when no seat is free, the pool is not valid
     * today, or they already hold one.
     */
    @Transactional
    @OrganisationAdmins
    public Assignment assign(long poolId, String email, String displayName) {
        AcademyUser caller = CurrentUser.require();
        Pool pool = lockPool(poolId);
        LocalDate today = LocalDate.now(clock);
        if (today.isAfter(pool.validUntil())) {
            throw new InvalidRequestException("This pool expired on " + pool.validUntil() + ".");
        }
        int assigned = jdbc.sql("select count(*) from seat_assignment where pool_id = ? and revoked_at is null")
                .param(poolId).query(Integer.class).single();
        if (assigned >= pool.seats()) {
            throw new InvalidRequestException("No free seats left in this pool (" + pool.seats() + " bought, all assigned).");
        }
        IdentityService.Invitee invitee = identity.findOrInvite(pool.organisationId(), email, displayName);
        long userId = invitee.person().id();
        boolean holds = jdbc.sql("select 1 from seat_assignment where pool_id = ? and user_id = ? and revoked_at is null")
                .params(poolId, userId).query(Integer.class).optional().isPresent();
        if (holds) {
            throw new InvalidRequestException(invitee.person().email() + " already holds a seat in this pool.");
        }
        long id = jdbc.sql("""
                insert into seat_assignment (pool_id, user_id, assigned_at, assigned_by) values (?, ?, ?, ?) returning id
                """).params(poolId, userId, Timestamp.from(clock.instant()), caller.id()).query(Long.class).single();
        if (pool.cohortId() != null) {
            cohorts.enrol(pool.cohortId(), userId);
        }
        audit(pool.organisationId(), poolId, caller, "ASSIGNED", userId, invitee.invitation() != null ? "invited" : "");
        seatAssigned(id, pool.courseId(), userId, invitee.invitation() != null);
        SeatHolder holder = jdbc.sql(HOLDER_COLUMNS + " where a.id = ?").param(id)
                .query(RecordRowMapper.of(SeatHolder.class)).single();
        return new Assignment(holder, invitee.invitation());
    }

    /** Frees a seat: the learner loses access to the pool's cohort; their history is kept. */
    @Transactional
    @OrganisationAdmins
    public void revoke(long assignmentId) {
        revoke(assignmentId, "REVOKED", "");
    }

    /**
     * Gives the seat to someone else (a no-show's substitute). Progress is the person's own and is
     * not carried over.
     */
    @Transactional
    @OrganisationAdmins
    public Assignment swap(long assignmentId, String substituteEmail, String substituteName) {
        long poolId = revoke(assignmentId, "SWAPPED", "to " + substituteEmail);
        return assign(poolId, substituteEmail, substituteName);
    }

    /**
     * Frees the seats of people who never logged in, from the cohort's start on (see
     * {@link #noShows}); returns how many were reclaimed.
     */
    @Transactional
    @OrganisationAdmins
    public int reclaimNoShows(long poolId) {
        NoShows noShows = noShows(poolId);
        if (!noShows.reclaimable()) {
            throw new InvalidRequestException("No-shows can be reclaimed from the cohort's start on "
                    + noShows.from() + "; until then people may still log in for the first time.");
        }
        List<Long> ids = jdbc.sql("""
                select a.id from seat_assignment a join app_user u on u.id = a.user_id
                where a.pool_id = ? and a.revoked_at is null and u.last_login_at is null order by a.id
                """).param(poolId).query(Long.class).list();
        for (long id : ids) {
            revoke(id, "RECLAIMED", "never logged in by " + noShows.from());
        }
        return ids.size();
    }

    /** Lines applied per transaction: a pool row is locked for one batch, never for a whole upload. */
    static final int BATCH = 200;

    /**
     * Assigns seats from a CSV of {@code email,name,pool} (a header row is optional). Every line is
     * checked first, with its line number: unreadable CSV, column count, email, duplicates in the
     * file or already holding a seat, unknown or foreign pools, and enough free seats per pool. Then
     * all lines or only the good ones are applied, as the caller chose; never part of a line
     * silently.
     */
    @OrganisationAdmins
    public BulkAssignment bulkAssign(long organisationId, String csv, BulkAssignment.Mode mode) {
        return bulkAssign(organisationId, csv, mode, (done, total) -> { });
    }

    /**
     * As {@link #bulkAssign(long, String, BulkAssignment.Mode)}, reporting (applied, to apply) as it
     * goes. "Only if every line is good" applies everything in one transaction; "the good lines"
     * applies batches of {@value #BATCH} lines, each in its own transaction, and a line refused
     * while applying (say, an account of another organisation) is reported without undoing the
     * others. Progress is reported after each commit, never while pool rows are locked.
     */
    @OrganisationAdmins
    public BulkAssignment bulkAssign(long organisationId, String csv, BulkAssignment.Mode mode,
                                     java.util.function.BiConsumer<Integer, Integer> progress) {
        requireOrganisation(organisationId);
        CsvRows.Parsed parsed = CsvRows.parse(csv);
        List<CsvRows.Row> rows = parsed.rows();
        if (!rows.isEmpty() && !rows.getFirst().cells().isEmpty()
                && rows.getFirst().cells().getFirst().strip().equalsIgnoreCase("email")) {
            rows = rows.subList(1, rows.size());
        }
        if (rows.isEmpty() && parsed.broken().isEmpty()) {
            throw new InvalidRequestException("The file has no rows. Expected columns: email,name,pool.");
        }
        List<BulkAssignment.LineError> errors = new ArrayList<>();
        parsed.broken().forEach(b -> errors.add(new BulkAssignment.LineError(b.line(), b.message())));
        Map<Long, Integer> wanted = new HashMap<>();
        Map<Long, Optional<Pool>> pools = new HashMap<>();
        Map<Long, Set<String>> holding = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<Line> good = new ArrayList<>();
        for (CsvRows.Row row : rows) {
            List<String> c = row.cells();
            if (c.size() != 3) {
                errors.add(new BulkAssignment.LineError(row.line(),
                        "Expected 3 columns (email,name,pool), found " + c.size() + "."));
                continue;
            }
            String email = c.get(0).strip().toLowerCase(Locale.ROOT);
            if (!EMAIL.matcher(email).matches()) {
                errors.add(new BulkAssignment.LineError(row.line(), "\"" + c.get(0).strip() + "\" is not a valid email address."));
                continue;
            }
            long poolId;
            try {
                poolId = Long.parseLong(c.get(2).strip());
            } catch (NumberFormatException e) {
                errors.add(new BulkAssignment.LineError(row.line(), "\"" + c.get(2).strip() + "\" is not a pool number."));
                continue;
            }
            Optional<Pool> pool = pools.computeIfAbsent(poolId, id -> jdbc.sql(
                            "select id, organisation_id, course_id, cohort_id, seats, valid_from, valid_until from seat_pool where id = ?")
                    .param(id).query(RecordRowMapper.of(Pool.class)).optional());
            if (pool.isEmpty() || pool.get().organisationId() != organisationId) {
                errors.add(new BulkAssignment.LineError(row.line(), "Pool " + poolId + " is not one of your organisation's pools."));
                continue;
            }
            if (!seen.add(email + "|" + poolId)) {
                errors.add(new BulkAssignment.LineError(row.line(), email + " appears twice for pool " + poolId + "."));
                continue;
            }
            // One query per pool, not per line: the holders' emails of each pool named in the file.
            boolean holds = holding.computeIfAbsent(poolId, id -> new HashSet<>(jdbc.sql("""
                    select lower(u.email) from seat_assignment a join app_user u on u.id = a.user_id
                    where a.pool_id = ? and a.revoked_at is null
                    """).param(id).query(String.class).list())).contains(email);
            if (holds) {
                errors.add(new BulkAssignment.LineError(row.line(), email + " already holds a seat in pool " + poolId + "."));
                continue;
            }
            wanted.merge(poolId, 1, Integer::sum);
            good.add(new Line(row.line(), poolId, c.get(0).strip(), c.get(1).strip()));
        }
        Map<Long, Integer> free = new HashMap<>();
        pools(organisationId).forEach(p -> free.put(p.id(), p.free()));
        for (var entry : wanted.entrySet()) {
            int available = free.getOrDefault(entry.getKey(), 0);
            if (entry.getValue() > available) {
                // The lines that do not fit, last ones first, so the admin knows exactly which.
                List<Line> forPool = good.stream().filter(l -> l.poolId() == entry.getKey()).toList();
                for (Line l : forPool.subList(available, forPool.size())) {
                    errors.add(new BulkAssignment.LineError(l.line(), "Not enough seats in pool " + entry.getKey() + ": "
                            + available + " free for " + entry.getValue() + " lines."));
                }
                good.removeAll(forPool.subList(available, forPool.size()));
            }
        }
        int lines = rows.size() + parsed.broken().size();
        if (mode == BulkAssignment.Mode.ALL_OR_NOTHING && !errors.isEmpty()) {
            return new BulkAssignment(lines, 0, sorted(errors));
        }
        AcademyUser caller = CurrentUser.require();
        int applied = 0;
        if (mode == BulkAssignment.Mode.ALL_OR_NOTHING) {
            List<BulkAssignment.LineError> refused = new ArrayList<>();
            Integer done;
            try {
                done = transactions.execute(status -> {
                    int n = applyBatch(good, caller, refused);
                    if (!refused.isEmpty()) {
                        status.setRollbackOnly();
                    }
                    return n;
                });
            } catch (LineRefused line) {
                refused.add(new BulkAssignment.LineError(line.line, line.getMessage()));
                done = 0;
            }
            if (!refused.isEmpty()) {
                errors.addAll(refused);
                return new BulkAssignment(lines, 0, sorted(errors));
            }
            applied = done == null ? 0 : done;
            progress.accept(applied, good.size());
            return new BulkAssignment(lines, applied, sorted(errors));
        }
        for (int from = 0; from < good.size(); from += BATCH) {
            List<Line> batch = good.subList(from, Math.min(good.size(), from + BATCH));
            List<BulkAssignment.LineError> refused = new ArrayList<>();
            Integer done;
            try {
                done = transactions.execute(status -> applyBatch(batch, caller, refused));
            } catch (RuntimeException oneLineFailed) {
                // A line refused by another service spoils its batch's transaction: apply that batch
                // line by line, so the good lines stay and only the refused ones are reported.
                refused.clear();
                done = 0;
                for (Line line : batch) {
                    try {
                        Integer one = transactions.execute(status -> applyBatch(List.of(line), caller, refused));
                        done += one == null ? 0 : one;
                    } catch (LineRefused refusedLine) {
                        refused.add(new BulkAssignment.LineError(refusedLine.line, refusedLine.getMessage()));
                    } catch (InvalidRequestException | NotFoundException refusedLine) {
                        refused.add(new BulkAssignment.LineError(line.line(), refusedLine.getMessage()));
                    } catch (RuntimeException unexpected) {
                        log.warn("Seat upload line {} could not be applied", line.line(), unexpected);
                        refused.add(new BulkAssignment.LineError(line.line(), "This line could not be applied."));
                    }
                }
            }
            errors.addAll(refused);
            applied += done == null ? 0 : done;
            // After the commit, with no row locked: the screen may take its time to show it.
            progress.accept(from + batch.size(), good.size());
        }
        return new BulkAssignment(lines, applied, sorted(errors));
    }

    /** A line that passed the checks. */
    private record Line(int line, long poolId, String email, String name) {
    }

    /** Another service refused a line while applying it; its transaction is spoilt. */
    private static final class LineRefused extends RuntimeException {
        final int line;

        LineRefused(int line, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.line = line;
        }
    }

    private static List<BulkAssignment.LineError> sorted(List<BulkAssignment.LineError> errors) {
        errors.sort(Comparator.comparingInt(BulkAssignment.LineError::line));
        return errors;
    }

    /**
     * Applies lines inside the caller's transaction: each pool named is locked once and its free
     * seats counted, then every line is assigned and enrolled; audit rows go in one batch and one
     * change event per pool. Lines that no longer fit (another admin took seats since the check)
     * or are already held are reported in {@code refused}. A line another service refuses
     * (identity, cohort) throws: its exception has marked the transaction for rollback anyway.
     */
    private int applyBatch(List<Line> lines, AcademyUser caller, List<BulkAssignment.LineError> refused) {
        Map<Long, Pool> locked = new HashMap<>();
        Map<Long, Integer> left = new HashMap<>();
        LocalDate today = LocalDate.now(clock);
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> audits = new ArrayList<>();
        int applied = 0;
        for (Line line : lines) {
            Pool pool = locked.computeIfAbsent(line.poolId(), id -> {
                Pool p = lockPool(id);
                left.put(id, p.seats() - jdbc.sql("select count(*) from seat_assignment where pool_id = ? and revoked_at is null")
                        .param(id).query(Integer.class).single());
                return p;
            });
            if (today.isAfter(pool.validUntil())) {
                refused.add(new BulkAssignment.LineError(line.line(), "Pool " + pool.id() + " expired on " + pool.validUntil() + "."));
                continue;
            }
            if (left.get(pool.id()) <= 0) {
                refused.add(new BulkAssignment.LineError(line.line(), "No free seats left in pool " + pool.id() + "."));
                continue;
            }
            IdentityService.Invitee invitee;
            try {
                invitee = identity.findOrInvite(pool.organisationId(), line.email(), line.name());
            } catch (InvalidRequestException | NotFoundException refusedLine) {
                throw new LineRefused(line.line(), refusedLine);
            }
            long userId = invitee.person().id();
            Optional<Long> inserted = jdbc.sql("""
                    insert into seat_assignment (pool_id, user_id, assigned_at, assigned_by) values (?, ?, ?, ?)
                    on conflict do nothing returning id
                    """).params(pool.id(), userId, now, caller.id()).query(Long.class).optional();
            if (inserted.isEmpty()) {
                refused.add(new BulkAssignment.LineError(line.line(), invitee.person().email()
                        + " already holds a seat in pool " + pool.id() + "."));
                continue;
            }
            if (pool.cohortId() != null) {
                try {
                    cohorts.enrol(pool.cohortId(), userId);
                } catch (InvalidRequestException | NotFoundException refusedLine) {
                    throw new LineRefused(line.line(), refusedLine);
                }
            }
            seatAssigned(inserted.get(), pool.courseId(), userId, invitee.invitation() != null);
            left.merge(pool.id(), -1, Integer::sum);
            audits.add(new Object[] {pool.organisationId(), pool.id(), caller.id(), "ASSIGNED", userId,
                    invitee.invitation() != null ? "invited" : "", now});
            applied++;
        }
        if (!audits.isEmpty()) {
            // One statement for the batch's audit rows.
            StringBuilder sql = new StringBuilder(
                    "insert into seat_audit (organisation_id, pool_id, actor_id, action, subject_user_id, detail, at) values ");
            List<Object> params = new ArrayList<>(audits.size() * 7);
            for (int i = 0; i < audits.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
                params.addAll(List.of(audits.get(i)));
            }
            jdbc.sql(sql.toString()).params(params).update();
            // One event per pool and batch (published after commit): no queue of hundreds per screen.
            audits.stream().map(a -> (Long) a[1]).distinct().map(locked::get)
                    .forEach(p -> events.publishEvent(new SeatsChanged(p.organisationId(), p.id(), "ASSIGNED")));
        }
        return applied;
    }

    /** One page of an organisation's seat audit trail, newest first. */
    @Transactional(readOnly = true)
    @OrganisationAdmins
    public List<SeatAuditEntry> audit(long organisationId, Paging page) {
        requireOrganisation(organisationId);
        return jdbc.sql("""
                select a.id, a.pool_id, actor.display_name as actor_name, a.action, subject.email as subject_email, a.detail, a.at
                from seat_audit a join app_user actor on actor.id = a.actor_id
                left join app_user subject on subject.id = a.subject_user_id
                where a.organisation_id = ? order by a.id desc offset ? limit ?
                """).params(organisationId, page.offset(), page.limit())
                .query(RecordRowMapper.of(SeatAuditEntry.class)).list();
    }

    @Transactional(readOnly = true)
    @OrganisationAdmins
    public int countAudit(long organisationId) {
        requireOrganisation(organisationId);
        return jdbc.sql("select count(*) from seat_audit where organisation_id = ?").param(organisationId)
                .query(Integer.class).single();
    }

    /**
     * Every seat assignment of the organisation, live and revoked, as CSV for a spreadsheet. Cells
     * are escaped so that names like "=HYPERLINK(…)" stay text.
     */
    @Transactional(readOnly = true)
    @OrganisationAdmins
    public String assignmentsCsv(long organisationId) {
        requireOrganisation(organisationId);
        Csv csv = new Csv()
                .row("pool", "course", "cohort", "email", "name", "assigned_at", "status", "revoked_at", "last_login_at");
        jdbc.sql("""
                select p.id as pool, co.title as course, c.name as cohort, u.email, u.display_name, a.assigned_at,
                       a.revoked_at, u.last_login_at
                from seat_assignment a join seat_pool p on p.id = a.pool_id join app_user u on u.id = a.user_id
                join course co on co.id = p.course_id left join cohort c on c.id = p.cohort_id
                where p.organisation_id = ? order by p.id, a.id
                """).param(organisationId).query(rs -> {
                    csv.row(rs.getLong("pool"), rs.getString("course"), rs.getString("cohort"), rs.getString("email"),
                            rs.getString("display_name"), instant(rs.getTimestamp("assigned_at")),
                            rs.getTimestamp("revoked_at") == null ? "assigned" : "revoked",
                            instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("last_login_at")));
                });
        return csv.toString();
    }

    /** A new invitation link for a holder who has not chosen a password yet. */
    public record InvitationLink(String email, String displayName, UUID token) {
    }

    /**
     * New invitation links for every holder of the pool who has no password yet (people invited by
     * a CSV upload never saw theirs); earlier links of theirs stop working. For a mail merge.
     */
    @Transactional
    @OrganisationAdmins
    public List<InvitationLink> renewInvitations(long poolId) {
        requirePool(poolId);
        List<SeatHolder> invited = jdbc.sql(HOLDER_COLUMNS + """
                where a.pool_id = ? and a.revoked_at is null and u.activated_at is null order by lower(u.email)
                """).param(poolId).query(RecordRowMapper.of(SeatHolder.class)).list();
        return invited.stream().map(h -> new InvitationLink(h.email(), h.displayName(), identity.inviteAgain(h.userId())))
                .toList();
    }

    /**
     * Enrols the holders of a pool that is for a course, not one cohort, into a cohort of that
     * course (people already in it are skipped); returns how many joined. Administrators only.
     */
    @Transactional
    @AdminOnly
    public int enrolHolders(long poolId, long cohortId) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN);
        Pool pool = lockPool(poolId);
        if (cohorts.cohort(cohortId).courseId() != pool.courseId()) {
            throw new InvalidRequestException("That cohort is of another course than the pool.");
        }
        List<Long> users = jdbc.sql("""
                select a.user_id from seat_assignment a where a.pool_id = ? and a.revoked_at is null
                  and not exists (select 1 from enrolment e where e.cohort_id = ? and e.user_id = a.user_id)
                order by a.id
                """).params(poolId, cohortId).query(Long.class).list();
        for (long user : users) {
            cohorts.enrol(cohortId, user);
        }
        audit(pool.organisationId(), poolId, caller, "ENROLLED", null, users.size() + " holders into cohort " + cohortId);
        return users.size();
    }

    private static String instant(Timestamp t) {
        return t == null ? "" : t.toInstant().toString();
    }



    private long revoke(long assignmentId, String action, String detail) {
        AcademyUser caller = CurrentUser.require();
        Long poolId = jdbc.sql("select pool_id from seat_assignment where id = ?").param(assignmentId)
                .query(Long.class).optional().orElseThrow(() -> new NotFoundException(NOT_FOUND));
        Pool pool = lockPool(poolId);
        Long userId = jdbc.sql("""
                update seat_assignment set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null returning user_id
                """).params(Timestamp.from(clock.instant()), caller.id(), assignmentId).query(Long.class).optional()
                .orElseThrow(() -> new InvalidRequestException("This seat was already freed."));
        // The seat was their access to the course, wherever they sit now: the pool's cohort, a cohort
        // an admin enrolled a course-wide pool's holders into, or one they were moved to. Unless
        // another live seat still covers the course, they leave every cohort of it.
        boolean stillCovered = jdbc.sql("""
                select 1 from seat_assignment a join seat_pool p on p.id = a.pool_id
                where a.user_id = ? and a.revoked_at is null and p.course_id = ? limit 1
                """).params(userId, pool.courseId()).query(Integer.class).optional().isPresent();
        if (!stillCovered) {
            cohorts.unenrolFromCourse(userId, pool.courseId());
        }
        audit(pool.organisationId(), poolId, caller, action, userId, detail);
        return poolId;
    }

    private Pool lockPool(long poolId) {
        Pool pool = jdbc.sql("""
                select id, organisation_id, course_id, cohort_id, seats, valid_from, valid_until from seat_pool
                where id = ? for update
                """).param(poolId).query(RecordRowMapper.of(Pool.class)).optional()
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
        requireOrganisation(pool.organisationId());
        return pool;
    }

    private void requirePool(long poolId) {
        long org = jdbc.sql("select organisation_id from seat_pool where id = ?").param(poolId).query(Long.class)
                .optional().orElseThrow(() -> new NotFoundException(NOT_FOUND));
        requireOrganisation(org);
    }

    /** Administrators any organisation; org admins their own; everyone else: not found. */
    private void requireOrganisation(long organisationId) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN, Role.ORG_ADMIN);
        if (!caller.has(Role.ADMIN) && !Long.valueOf(organisationId).equals(caller.organisationId())) {
            throw new NotFoundException(NOT_FOUND);
        }
    }

    private void audit(long organisationId, Long poolId, AcademyUser actor, String action, Long subject, String detail) {
        jdbc.sql("""
                insert into seat_audit (organisation_id, pool_id, actor_id, action, subject_user_id, detail, at)
                values (?, ?, ?, ?, ?, ?, ?)
                """).params(organisationId, poolId, actor.id(), action, subject, detail, Timestamp.from(clock.instant()))
                .update();
        // Every change is audited, so this one place tells the other admins' screens too.
        events.publishEvent(new SeatsChanged(organisationId, poolId, action));
    }
}
