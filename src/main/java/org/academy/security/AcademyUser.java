package org.academy.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The authenticated person, as kept in the security context. Immutable and small, because it is
 * serialised into the HTTP session and read on every service call.
 */
public record AcademyUser(long id, Long organisationId, String email, String displayName,
                          String passwordHash, boolean active, Set<Role> roles) implements UserDetails {

    public AcademyUser {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    /** A copy without the password hash, for places that only need to know who it is. */
    public AcademyUser withoutPassword() {
        return new AcademyUser(id, organisationId, email, displayName, null, active, roles);
    }

    public List<String> roleNames() {
        return roles.stream().map(Enum::name).sorted().toList();
    }
}
