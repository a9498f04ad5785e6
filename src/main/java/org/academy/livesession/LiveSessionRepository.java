package org.academy.livesession;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

interface LiveSessionRepository extends JpaRepository<LiveSession, Long> {

    List<LiveSession> findByCohortIdOrderByStartsAt(long cohortId);

    /** Status changes lock the row, so starting and ending never interleave. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from LiveSession s where s.id = :id")
    Optional<LiveSession> findForUpdate(long id);
}
