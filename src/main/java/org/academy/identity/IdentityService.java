package org.academy.identity;

import org.academy.security.AnyoneMayCall;
import org.academy.security.OrganisationAdmins;
import org.academy.security.AdminOnly;
import org.academy.security.SignedIn;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.academy.base.Paging;
import org.academy.base.RecordRowMapper;
import org.academy.base.SearchText;
import org.academy.base.TextInput;
import org.academy.notification.InvitationNotice;
import org.academy.notification.NotificationRequested;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.academy.security.LoginThrottle;
import org.academy.security.Role;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organisations and people. Creating them is a platform administrator's job; the admin screens of
 * a later issue build on these methods, and demo data goes through them too.
 */
@Service
public class IdentityService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final AppUserRepository users;
    private final OrganisationRepository organisations;
    private final PasswordEncoder passwordEncoder;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final org.academy.security.AccountSessions sessions;
    private final LoginThrottle loginThrottle;
    private final Clock clock;

    IdentityService(AppUserRepository users, OrganisationRepository organisations, PasswordEncoder passwordEncoder,
                    JdbcClient jdbc, org.academy.security.AccountSessions sessions, LoginThrottle loginThrottle,
                    Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.users = users;
        this.organisations = organisations;
        this.passwordEncoder = passwordEncoder;
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.loginThrottle = loginThrottle;
        this.clock = clock;
    }

    /**
     * The roles an org admin may hand out, and so the only people an org admin may act on: the
     * learners of their own organisation. Anyone holding more (an instructor, an administrator,
     * another org admin) is out of their reach, even in their organisation, or an org admin could
     * take over an account worth more than their own.
     */
    private static final Set<Role> ORG_ADMIN_GRANTABLE = EnumSet.of(Role.STUDENT);

    /** Whether the caller may act on this person: administrators on anyone, org admins see above. */
    private static boolean administers(AcademyUser caller, AppUser person) {
        if (caller.has(Role.ADMIN)) {
            return true;
        }
        return caller.has(Role.ORG_ADMIN) && caller.organisationId() != null
                && caller.organisationId().equals(person.getOrganisationId())
                && ORG_ADMIN_GRANTABLE.containsAll(person.getRoles());
    }

    /** Once the change is committed (not before: a rollback must not log anyone out). */
    private void expireSessionsAfterCommit(java.util.Collection<Long> userIds) {
        afterCommit(() -> userIds.forEach(sessions::expire));
    }

    private static void afterCommit(Runnable work) {
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        work.run();
                    }
                });
    }

    @Transactional
    @AdminOnly
    public OrganisationSummary createOrganisation(String name) {
        CurrentUser.requireAny(Role.ADMIN);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new InvalidRequestException("An organisation needs a name of 1 to 200 characters.");
        }
        if (organisations.existsByNameIgnoreCase(trimmed)) {
            throw new InvalidRequestException("An organisation named \"" + trimmed + "\" already exists.");
        }
        Organisation saved = organisations.save(new Organisation(trimmed, clock.instant()));
        return new OrganisationSummary(saved.getId(), saved.getName(), saved.isActive());
    }

    @Transactional
    @AdminOnly
    public PersonSummary createUser(Long organisationId, String email, String displayName, String rawPassword,
                                    Set<Role> roles) {
        CurrentUser.requireAny(Role.ADMIN);
        String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(normalised).matches() || normalised.length() > 320) {
            throw new InvalidRequestException("\"" + email + "\" is not a valid email address.");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw new InvalidRequestException("A person needs a name of 1 to 200 characters.");
        }
        if (roles == null || roles.isEmpty()) {
            throw new InvalidRequestException("A person needs at least one role.");
        }
        if (organisationId != null && !organisations.existsById(organisationId)) {
            throw new NotFoundException("That organisation does not exist.");
        }
        if (users.existsByEmail(normalised)) {
            throw new InvalidRequestException("Someone with " + normalised + " already has an account.");
        }
        if (rawPassword != null && tooLong(rawPassword)) {
            // No minimum here: administrators set these (demo data, tests); people choose theirs on the invitation page.
            throw new InvalidRequestException(TOO_LONG);
        }
        AppUser created = new AppUser(organisationId, normalised, displayName.strip(), null, roles, clock.instant());
        if (rawPassword != null) {
            created.setPassword(passwordEncoder.encode(rawPassword), clock.instant());
        }
        return summary(users.save(created));
    }

    /** Someone given a seat: an existing account, or a new invited one with its invitation token. */
    public record Invitee(PersonSummary person, UUID invitation) {
    }

    /**
     * The account for this email, or a new invited learner account of the organisation (no
     * password until they accept the invitation). Administrators, and org admins for their own
     * organisation. An existing account must belong to the organisation (not to another one, nor
     * to none, like platform staff), and for an org admin be a learner only; anything else is
     * refused, never taken over. Org admins are told the same whatever the reason, so that the
     * refusal does not say where else the address is known.
     */
    @Transactional
    @OrganisationAdmins
    public Invitee findOrInvite(long organisationId, String email, String displayName) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN, Role.ORG_ADMIN);
        if (!caller.has(Role.ADMIN) && !Long.valueOf(organisationId).equals(caller.organisationId())) {
            throw new NotFoundException("That organisation does not exist.");
        }
        String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(normalised).matches() || normalised.length() > 320) {
            throw new InvalidRequestException("\"" + email + "\" is not a valid email address.");
        }
        Optional<AppUser> existing = users.findByEmail(normalised);
        if (existing.isPresent()) {
            AppUser u = existing.get();
            boolean ofThisOrganisation = Long.valueOf(organisationId).equals(u.getOrganisationId());
            if (!caller.has(Role.ADMIN) && !(ofThisOrganisation && administers(caller, u))) {
                throw new InvalidRequestException(normalised + " cannot be given a seat here. If this is one of your"
                        + " people, ask a platform administrator.");
            }
            if (!ofThisOrganisation) {
                throw new InvalidRequestException(normalised + (u.getOrganisationId() == null
                        ? " is a platform account of no organisation; seats are for an organisation's people."
                        : " belongs to another organisation."));
            }
            return new Invitee(summary(u), null);
        }
        // Names from a CSV upload reach every screen that shows people: the same text hygiene as chat.
        String cleaned = TextInput.clean(displayName).replaceAll("\\s+", " ");
        String name = cleaned.isEmpty() ? normalised.substring(0, normalised.indexOf('@')) : cleaned;
        if (name.length() > 200) {
            throw new InvalidRequestException("A person needs a name of 1 to 200 characters.");
        }
        AppUser saved = users.saveAndFlush(new AppUser(organisationId, normalised, name, null, Set.of(Role.STUDENT), clock.instant()));
        return new Invitee(summary(saved), invite(saved.getId()));
    }

    /**
     * A new account without a password, and the invitation link (valid 14 days) with which the
     * person sets one. Administrators only; there is no mail server, so the link is shown to them.
     */
    @Transactional
    @AdminOnly
    public Invitee createInvited(Long organisationId, String email, String displayName, Set<Role> roles) {
        PersonSummary created = createUser(organisationId, email, displayName, null, roles);
        return new Invitee(created, invite(created.id()));
    }

    /**
     * A fresh invitation link for someone who never had a password (the first link was lost, or
     * came from a CSV upload); older unused links stop working. Not for someone whose password was
     * reset: that empty password belongs to an activated account, and only an administrator's
     * reset link may set it. Administrators, and org admins for their own organisation's learners.
     */
    @Transactional
    @OrganisationAdmins
    public UUID inviteAgain(long userId) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN, Role.ORG_ADMIN);
        AppUser u = requireUser(userId);
        if (!administers(caller, u)) {
            throw new NotFoundException("That person does not exist.");
        }
        if (u.getPasswordHash() != null || u.getActivatedAt() != null) {
            throw new InvalidRequestException(u.getEmail() + " has already chosen a password; an administrator can reset it.");
        }
        jdbc.sql("update invitation set used_at = ? where user_id = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), userId).update();
        adminAudit(caller, "INVITATION_RENEWED", userId, "");
        return invite(userId);
    }

    /** The link is also mailed to the person, queued in this transaction (issue 11). */
    private UUID invite(long userId) {
        UUID token = issueLink(userId, "INVITE", Duration.ofDays(14));
        String organisation = jdbc.sql("""
                select o.name from app_user u join organisation o on o.id = u.organisation_id where u.id = ?
                """).param(userId).query(String.class).optional().orElse(null);
        events.publishEvent(new NotificationRequested(userId,
                new InvitationNotice(stored(token).toString(), organisation, "invitation/" + token)));
        return token;
    }

    /**
     * A new link token; only its hash is stored (see V6), the token itself exists in the link alone.
     * Its expiry is checked, and its use recorded, on the same Clock it was made on, never the
     * database's now(): two clocks would make a link live longer or shorter than it says.
     */
    private UUID issueLink(long userId, String purpose, Duration validFor) {
        UUID token = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("insert into invitation (token, user_id, created_at, expires_at, purpose) values (?, ?, ?, ?, ?)")
                .params(stored(token), userId, Timestamp.from(now), Timestamp.from(now.plus(validFor)), purpose).update();
        return token;
    }

    /** The first 16 bytes of SHA-256 over the token's bytes, as a uuid: what the table keeps. */
    static UUID stored(UUID token) {
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(16);
        raw.putLong(token.getMostSignificantBits()).putLong(token.getLeastSignificantBits());
        try {
            java.nio.ByteBuffer digest = java.nio.ByteBuffer.wrap(
                    java.security.MessageDigest.getInstance("SHA-256").digest(raw.array()));
            return new UUID(digest.getLong(), digest.getLong());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * A person by id, with their email and roles: administrators, and org admins for the learners
     * of their organisation (anyone else is not found for them).
     */
    @Transactional(readOnly = true)
    @OrganisationAdmins
    public Optional<PersonSummary> findPerson(long id) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN, Role.ORG_ADMIN);
        return users.findById(id).filter(u -> administers(caller, u)).map(IdentityService::summary);
    }

    @Transactional(readOnly = true)
    @SignedIn
    public Optional<OrganisationSummary> findOrganisation(long id) {
        AcademyUser caller = CurrentUser.require();
        if (!caller.has(Role.ADMIN) && !Long.valueOf(id).equals(caller.organisationId())) {
            return Optional.empty();
        }
        return organisations.findById(id).map(o -> new OrganisationSummary(o.getId(), o.getName(), o.isActive()));
    }

    // ---- Platform administration: organisations -------------------------------------------------

    private static final Map<String, String> ORGANISATION_SORT = Map.of(
            "name", "lower(o.name)", "people", "people", "created", "o.created_at", "active", "o.active");

    /** One page of organisations whose name contains the text; administrators only. */
    @Transactional(readOnly = true)
    @AdminOnly
    public List<OrganisationRow> organisations(String text, Paging page) {
        CurrentUser.requireAny(Role.ADMIN);
        return jdbc.sql("""
                select o.id, o.name, o.active, o.created_at,
                       (select count(*) from app_user u where u.organisation_id = o.id) as people
                from organisation o where (:text = '' or o.name ilike :pattern)
                order by %s offset :offset limit :limit
                """.formatted(page.orderBy(ORGANISATION_SORT, "name", "o.id")))
                .param("text", SearchText.trimmed(text)).param("pattern", SearchText.containsPattern(text))
                .param("offset", page.offset()).param("limit", page.limit())
                .query(RecordRowMapper.of(OrganisationRow.class)).list();
    }

    @Transactional(readOnly = true)
    @AdminOnly
    public int countOrganisations(String text) {
        CurrentUser.requireAny(Role.ADMIN);
        return jdbc.sql("select count(*) from organisation o where (:text = '' or o.name ilike :pattern)")
                .param("text", SearchText.trimmed(text)).param("pattern", SearchText.containsPattern(text)).query(Integer.class).single();
    }

    @Transactional
    @AdminOnly
    public OrganisationSummary renameOrganisation(long id, String name) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN);
        Organisation o = organisations.findById(id).orElseThrow(() -> new NotFoundException("That organisation does not exist."));
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new InvalidRequestException("An organisation needs a name of 1 to 200 characters.");
        }
        if (!trimmed.equalsIgnoreCase(o.getName()) && organisations.existsByNameIgnoreCase(trimmed)) {
            throw new InvalidRequestException("An organisation named \"" + trimmed + "\" already exists.");
        }
        String before = o.getName();
        o.rename(trimmed);
        adminAudit(caller, "ORGANISATION_RENAMED", null, before + " → " + trimmed);
        return new OrganisationSummary(o.getId(), o.getName(), o.isActive());
    }

    /**
     * Deactivating an organisation stops its people from logging in (their data stays); activating
     * it again lets them back in.
     */
    @Transactional
    @AdminOnly
    public OrganisationSummary setOrganisationActive(long id, boolean active) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN);
        Organisation o = organisations.findById(id).orElseThrow(() -> new NotFoundException("That organisation does not exist."));
        if (Objects.equals(caller.organisationId(), id) && !active) {
            throw new InvalidRequestException("You cannot deactivate your own organisation.");
        }
        o.setActive(active);
        adminAudit(caller, active ? "ORGANISATION_ACTIVATED" : "ORGANISATION_DEACTIVATED", null, o.getName());
        if (!active) {
            expireSessionsAfterCommit(jdbc.sql("select id from app_user where organisation_id = ?").param(id)
                    .query(Long.class).list());
        }
        return new OrganisationSummary(o.getId(), o.getName(), o.isActive());
    }

    // ---- Platform administration: people ---------------------------------------------------------

    private static final Map<String, String> PEOPLE_SORT = Map.of(
            "name", "lower(u.display_name)", "email", "lower(u.email)", "organisation", "lower(o.name)",
            "lastLogin", "u.last_login_at", "active", "u.active");

    /**
     * One page of people matching the filter, sorted on the server. Administrators see everyone;
     * an org admin sees their own organisation's learners, whatever organisation the filter names.
     */
    @Transactional(readOnly = true)
    @OrganisationAdmins
    public List<PersonRow> people(PeopleFilter filter, Paging page) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN, Role.ORG_ADMIN);
        return personRows(peopleWhere(caller, filter), page.orderBy(PEOPLE_SORT, "name", "u.id"), page.offset(), page.limit());
    }

    /** One person as the people grid shows them (after a change, to refresh a selected row). */
    @Transactional(readOnly = true)
    @OrganisationAdmins
    public Optional<PersonRow> personRow(long userId) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN, Role.ORG_ADMIN);
        Where spec = peopleWhere(caller, PeopleFilter.all());
        Map<String, Object> params = new HashMap<>(spec.params());
        params.put("id", userId);
        return personRows(new Where(spec.where() + " and u.id = :id", params), "u.id", 0, 1).stream().findFirst();
    }

    private List<PersonRow> personRows(Where spec, String orderBy, int offset, int limit) {
        return jdbc.sql("""
                select u.id, u.email, u.display_name, u.organisation_id, o.name as organisation_name, u.active,
                       u.activated_at is null as invited, u.last_login_at,
                       (select string_agg(r.role, ',') from user_role r where r.user_id = u.id) as roles
                from app_user u left join organisation o on o.id = u.organisation_id
                where %s order by %s offset :offset limit :limit
                """.formatted(spec.where(), orderBy))
                .params(spec.params()).param("offset", offset).param("limit", limit)
                .query((rs, i) -> new PersonRow(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"),
                        rs.getObject("organisation_id", Long.class), rs.getString("organisation_name"),
                        roles(rs.getString("roles")), rs.getBoolean("active"), rs.getBoolean("invited"),
                        rs.getTimestamp("last_login_at") == null ? null : rs.getTimestamp("last_login_at").toInstant()))
                .list();
    }

    @Transactional(readOnly = true)
    @OrganisationAdmins
    public int countPeople(PeopleFilter filter) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN, Role.ORG_ADMIN);
        var spec = peopleWhere(caller, filter);
        return jdbc.sql("select count(*) from app_user u where " + spec.where()).params(spec.params())
                .query(Integer.class).single();
    }

    private record Where(String where, Map<String, Object> params) {
    }

    private static Where peopleWhere(AcademyUser caller, PeopleFilter filter) {
        PeopleFilter f = filter == null ? PeopleFilter.all() : filter;
        StringBuilder where = new StringBuilder("true");
        Map<String, Object> params = new HashMap<>();
        Long organisation = caller.has(Role.ADMIN) ? f.organisationId() : caller.organisationId();
        if (!caller.has(Role.ADMIN) && organisation == null) {
            // An org admin without an organisation administers nobody.
            organisation = -1L;
        }
        if (organisation != null) {
            where.append(" and u.organisation_id = :org");
            params.put("org", organisation);
        }
        if (!caller.has(Role.ADMIN)) {
            // Only the people an org admin may act on (see ORG_ADMIN_GRANTABLE).
            where.append(" and not exists (select 1 from user_role r where r.user_id = u.id and r.role not in (:grantable))");
            params.put("grantable", ORG_ADMIN_GRANTABLE.stream().map(Enum::name).toList());
        }
        if (!SearchText.trimmed(f.text()).isEmpty()) {
            where.append(" and (u.display_name ilike :pattern or u.email ilike :pattern)");
            params.put("pattern", SearchText.containsPattern(f.text()));
        }
        if (f.role() != null) {
            where.append(" and exists (select 1 from user_role r where r.user_id = u.id and r.role = :role)");
            params.put("role", f.role().name());
        }
        if (f.active() != null) {
            where.append(" and u.active = :active");
            params.put("active", f.active());
        }
        return new Where(where.toString(), params);
    }

    /** Deactivated people cannot log in; nothing of theirs is deleted. Administrators only. */
    @Transactional
    @AdminOnly
    public void setActive(long userId, boolean active) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN);
        if (caller.id() == userId && !active) {
            throw new InvalidRequestException("You cannot deactivate yourself.");
        }
        AppUser u = requireUser(userId);
        u.setActive(active);
        adminAudit(caller, active ? "USER_ACTIVATED" : "USER_DEACTIVATED", userId, "");
        if (!active) {
            expireSessionsAfterCommit(List.of(userId));
        }
    }

    /**
     * Replaces a person's roles. At least one role; an org admin needs an organisation; an
     * administrator cannot remove their own administrator role (someone must be left to undo it).
     */
    @Transactional
    @AdminOnly
    public PersonSummary setRoles(long userId, Set<Role> roles) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN);
        if (roles == null || roles.isEmpty()) {
            throw new InvalidRequestException("A person needs at least one role.");
        }
        AppUser u = requireUser(userId);
        if (caller.id() == userId && !roles.contains(Role.ADMIN)) {
            throw new InvalidRequestException("You cannot remove your own administrator role.");
        }
        if (roles.contains(Role.ORG_ADMIN) && u.getOrganisationId() == null) {
            throw new InvalidRequestException(u.getDisplayName() + " belongs to no organisation, so cannot be its admin.");
        }
        String before = u.getRoles().stream().map(Enum::name).sorted().toList().toString();
        if (!ORG_ADMIN_GRANTABLE.containsAll(roles)) {
            // Links handed out while the person was a learner (an org admin may hold those) must
            // not set the password of an account that is now worth more; an administrator issues new ones.
            jdbc.sql("update invitation set used_at = ? where user_id = ? and used_at is null")
                    .params(Timestamp.from(clock.instant()), userId).update();
        }
        u.setRoles(roles);
        // The session's principal carries the old roles; the person logs in again to get the new ones.
        expireSessionsAfterCommit(List.of(userId));
        adminAudit(caller, "ROLES_CHANGED", userId, before + " → " + roles.stream().map(Enum::name).sorted().toList());
        return summary(u);
    }

    /**
     * Creates a one-time link (valid 24 hours) with which the person sets a new password. Their
     * current password stops working at once, so a reset also locks out whoever may know it.
     * Older unused links of the person are withdrawn. Administrators only.
     */
    @Transactional
    @AdminOnly
    public UUID resetPassword(long userId) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN);
        AppUser u = requireUser(userId);
        u.clearPassword();
        Instant now = clock.instant();
        jdbc.sql("update invitation set used_at = ? where user_id = ? and used_at is null")
                .params(Timestamp.from(now), userId).update();
        UUID token = issueLink(userId, "RESET", Duration.ofHours(24));
        adminAudit(caller, "PASSWORD_RESET", userId, "one-time link, 24 h");
        expireSessionsAfterCommit(List.of(userId));
        return token;
    }

    /** What administrators changed about a person, newest first (at most 100 entries). */
    @Transactional(readOnly = true)
    @AdminOnly
    public List<AdminAuditEntry> history(long userId) {
        CurrentUser.requireAny(Role.ADMIN);
        return jdbc.sql("""
                select a.at, actor.display_name as actor_name, a.action, a.detail
                from admin_audit a join app_user actor on actor.id = a.actor_id
                where a.subject_user_id = ? order by a.id desc limit 100
                """).param(userId).query(RecordRowMapper.of(AdminAuditEntry.class)).list();
    }

    /**
     * The person's failed logins, newest first (at most 100): when, from which address, and why
     * (BadCredentials is a wrong password; Disabled an account that cannot log in). Administrators only.
     */
    @Transactional(readOnly = true)
    @AdminOnly
    public List<FailedLogin> failedLogins(long userId) {
        CurrentUser.requireAny(Role.ADMIN);
        return jdbc.sql("select at, address, reason from login_failure where user_id = ? order by id desc limit 100")
                .param(userId).query(RecordRowMapper.of(FailedLogin.class)).list();
    }

    // ---- Invitations and reset links: used by people who are not logged in -----------------------

    public static final int MIN_PASSWORD = 10;

    /**
     * Passwords are hashed with bcrypt, which reads at most 72 bytes (UTF-8): 72 plain letters or
     * digits, fewer with accents, other scripts or emoji. Longer ones are refused with a clear
     * message rather than cut short or failing (docs/deployment.md says why not PBKDF2).
     */
    public static final int MAX_PASSWORD_BYTES = 72;

    private static final String TOO_LONG = "That password is too long: at most " + MAX_PASSWORD_BYTES + " bytes, which is "
            + MAX_PASSWORD_BYTES + " plain letters or digits, fewer with accented letters, other scripts or emoji"
            + " (they take 2 to 4 bytes each). Choose a shorter one.";

    private static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
    }

    /** A password someone chooses for themselves: long enough, and not longer than bcrypt reads. */
    private static void requireStorablePassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new InvalidRequestException("Choose a password of at least " + MIN_PASSWORD + " characters.");
        }
        if (tooLong(password)) {
            throw new InvalidRequestException(TOO_LONG);
        }
    }

    /** What a valid, unused, unexpired invitation or reset link is for; empty otherwise. */
    @Transactional(readOnly = true)
    @AnyoneMayCall
    public Optional<InvitationDetails> invitation(UUID token) {
        if (token == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select u.email, u.display_name, i.purpose = 'RESET' as reset
                from invitation i join app_user u on u.id = i.user_id
                where i.token = ? and i.used_at is null and i.expires_at > ? and u.active
                """).params(stored(token), Timestamp.from(clock.instant())).query(RecordRowMapper.of(InvitationDetails.class)).optional();
    }

    /**
     * Sets the password of the link's person and uses the link up. The link row is locked, so two
     * submits of the same link set the password once and the second is told the link was used.
     */
    @Transactional
    @AnyoneMayCall
    public String acceptInvitation(UUID token, String password, String repeated) {
        requireStorablePassword(password);
        if (!password.equals(repeated)) {
            throw new InvalidRequestException("The two passwords differ.");
        }
        Instant now = clock.instant();
        Long userId = token == null ? null : jdbc.sql("""
                select user_id from invitation where token = ? and used_at is null and expires_at > ? for update
                """).params(stored(token), Timestamp.from(now)).query(Long.class).optional().orElse(null);
        if (userId == null) {
            throw new InvalidRequestException("This link has expired or was already used. Ask your administrator for a new one.");
        }
        AppUser u = requireUser(userId);
        if (!u.isActive()) {
            throw new InvalidRequestException("This account is deactivated. Ask your administrator.");
        }
        u.setPassword(passwordEncoder.encode(password), now);
        jdbc.sql("update invitation set used_at = ? where token = ?").params(Timestamp.from(now), stored(token)).update();
        // They proved who they are with the link: guesses made at their account no longer hold them back.
        String email = u.getEmail();
        afterCommit(() -> loginThrottle.forget(email));
        return email;
    }

    private AppUser requireUser(long userId) {
        return users.findById(userId).orElseThrow(() -> new NotFoundException("That person does not exist."));
    }

    private void adminAudit(AcademyUser actor, String action, Long subject, String detail) {
        jdbc.sql("insert into admin_audit (actor_id, action, subject_user_id, detail, at) values (?, ?, ?, ?, ?)")
                .params(actor.id(), action, subject, detail.length() > 500 ? detail.substring(0, 500) : detail,
                        Timestamp.from(clock.instant())).update();
    }



    private static Set<Role> roles(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        EnumSet<Role> set = EnumSet.noneOf(Role.class);
        for (String r : csv.split(",")) {
            set.add(Role.valueOf(r));
        }
        return set;
    }

    static PersonSummary summary(AppUser u) {
        return new PersonSummary(u.getId(), u.getOrganisationId(), u.getEmail(), u.getDisplayName(), Set.copyOf(u.getRoles()));
    }
}
