package org.academy.identity;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.academy.security.Role;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

@Entity
@Table(name = "app_user")
class AppUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "organisation_id")
    private Long organisationId;

    @Column(nullable = false)
    private String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(nullable = false)
    private boolean active = true;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    /** When the person first had a password; null while an invitation is not accepted yet. */
    @Column(name = "activated_at")
    private Instant activatedAt;

    // Eager: roles are needed every time a user is loaded, and there are at most four.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role", nullable = false)
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    protected AppUser() {
    }

    AppUser(Long organisationId, String email, String displayName, String passwordHash, Set<Role> roles, Instant createdAt) {
        this.organisationId = organisationId;
        this.createdAt = createdAt;
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    Long getId() {
        return id;
    }

    Long getOrganisationId() {
        return organisationId;
    }

    String getEmail() {
        return email;
    }

    String getDisplayName() {
        return displayName;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    boolean isActive() {
        return active;
    }

    Set<Role> getRoles() {
        return roles;
    }

    Instant getLastLoginAt() {
        return lastLoginAt;
    }

    void setActive(boolean active) {
        this.active = active;
    }

    void setRoles(Set<Role> newRoles) {
        roles.clear();
        roles.addAll(newRoles);
    }

    Instant getActivatedAt() {
        return activatedAt;
    }

    /** A new password; the first one activates the account, for good (a reset does not undo it). */
    void setPassword(String passwordHash, Instant at) {
        this.passwordHash = passwordHash;
        if (passwordHash != null && activatedAt == null) {
            activatedAt = at;
        }
    }

    /** An administrator's reset: no password until the person uses their reset link. */
    void clearPassword() {
        this.passwordHash = null;
    }

    void recordLogin(Instant at) {
        this.lastLoginAt = at;
    }
}
