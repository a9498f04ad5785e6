package org.academy.identity;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AppUserRepository extends JpaRepository<AppUser, Long> {

    /**
     * The condition every lookup by email uses. Emails are stored lower-case and the unique index
     * is on {@code lower(email)}: the query must name that same expression for the planner to use
     * the index (Spring Data's {@code IgnoreCase} compares {@code upper(…)}, a sequential scan).
     */
    String BY_EMAIL = "lower(email) = lower(:email)";

    @Query(value = "select * from app_user where " + BY_EMAIL, nativeQuery = true)
    Optional<AppUser> findByEmail(String email);

    @Query(value = "select exists (select 1 from app_user where " + BY_EMAIL + ")", nativeQuery = true)
    boolean existsByEmail(String email);

    @Modifying
    @Query("update AppUser u set u.lastLoginAt = :at where u.id = :id")
    void recordLogin(long id, Instant at);
}
