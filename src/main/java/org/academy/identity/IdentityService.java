package org.academy.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
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
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    IdentityService(AppUserRepository users, OrganisationRepository organisations, PasswordEncoder passwordEncoder,
                    org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.users = users;
        this.organisations = organisations;
        this.passwordEncoder = passwordEncoder;
        this.jdbc = jdbc;
    }

    @Transactional
    public OrganisationSummary createOrganisation(String name) {
        CurrentUser.requireAny(Role.ADMIN);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new InvalidRequestException("An organisation needs a name of 1 to 200 characters.");
        }
        if (organisations.existsByNameIgnoreCase(trimmed)) {
            throw new InvalidRequestException("An organisation named \"" + trimmed + "\" already exists.");
        }
        Organisation saved = organisations.save(new Organisation(trimmed));
        return new OrganisationSummary(saved.getId(), saved.getName(), saved.isActive());
    }

    @Transactional
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
        if (users.existsByEmailIgnoreCase(normalised)) {
            throw new InvalidRequestException("Someone with " + normalised + " already has an account.");
        }
        String hash = rawPassword == null ? null : passwordEncoder.encode(rawPassword);
        AppUser saved = users.save(new AppUser(organisationId, normalised, displayName.strip(), hash, roles));
        return summary(saved);
    }

    /** Someone given a seat: an existing account, or a new invited one with its invitation token. */
    public record Invitee(PersonSummary person, java.util.UUID invitation) {
    }

    /**
     * The account for this email, or a new invited learner account of the organisation (no
     * password until they accept the invitation). Administrators, and org admins for their own
     * organisation. An account of another organisation is refused, not taken over.
     */
    @Transactional
    public Invitee findOrInvite(long organisationId, String email, String displayName) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN, Role.ORG_ADMIN);
        if (!caller.has(Role.ADMIN) && !Long.valueOf(organisationId).equals(caller.organisationId())) {
            throw new NotFoundException("That organisation does not exist.");
        }
        String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(normalised).matches() || normalised.length() > 320) {
            throw new InvalidRequestException("\"" + email + "\" is not a valid email address.");
        }
        Optional<AppUser> existing = users.findByEmailIgnoreCase(normalised);
        if (existing.isPresent()) {
            AppUser u = existing.get();
            if (u.getOrganisationId() != null && u.getOrganisationId() != organisationId) {
                throw new InvalidRequestException(normalised + " belongs to another organisation.");
            }
            return new Invitee(summary(u), null);
        }
        String name = displayName == null || displayName.isBlank() ? normalised.substring(0, normalised.indexOf('@'))
                : displayName.strip();
        if (name.length() > 200) {
            throw new InvalidRequestException("A person needs a name of 1 to 200 characters.");
        }
        AppUser saved = users.saveAndFlush(new AppUser(organisationId, normalised, name, null, Set.of(Role.STUDENT)));
        java.util.UUID token = java.util.UUID.randomUUID();
        java.time.Instant now = java.time.Instant.now();
        jdbc.sql("insert into invitation (token, user_id, created_at, expires_at) values (?, ?, ?, ?)")
                .params(token, saved.getId(), java.sql.Timestamp.from(now),
                        java.sql.Timestamp.from(now.plus(java.time.Duration.ofDays(14)))).update();
        return new Invitee(summary(saved), token);
    }

    /** A person by id, with their email and roles: administrators only. */
    @Transactional(readOnly = true)
    public Optional<PersonSummary> findPerson(long id) {
        AcademyUser caller = CurrentUser.requireAny(Role.ADMIN, Role.ORG_ADMIN);
        if (!caller.has(Role.ADMIN)) {
            // Org admins see the people of their own organisation only.
            return users.findById(id).filter(u -> java.util.Objects.equals(u.getOrganisationId(), caller.organisationId()))
                    .map(IdentityService::summary);
        }
        return users.findById(id).map(IdentityService::summary);
    }

    @Transactional(readOnly = true)
    public Optional<OrganisationSummary> findOrganisation(long id) {
        AcademyUser caller = CurrentUser.require();
        if (!caller.has(Role.ADMIN) && !Long.valueOf(id).equals(caller.organisationId())) {
            return Optional.empty();
        }
        return organisations.findById(id).map(o -> new OrganisationSummary(o.getId(), o.getName(), o.isActive()));
    }

    static PersonSummary summary(AppUser u) {
        return new PersonSummary(u.getId(), u.getOrganisationId(), u.getEmail(), u.getDisplayName(), Set.copyOf(u.getRoles()));
    }
}
