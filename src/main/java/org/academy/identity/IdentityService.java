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

    IdentityService(AppUserRepository users, OrganisationRepository organisations, PasswordEncoder passwordEncoder) {
        this.users = users;
        this.organisations = organisations;
        this.passwordEncoder = passwordEncoder;
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

    /** A person by id, with their email and roles: administrators only. */
    @Transactional(readOnly = true)
    public Optional<PersonSummary> findPerson(long id) {
        CurrentUser.requireAny(Role.ADMIN);
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
