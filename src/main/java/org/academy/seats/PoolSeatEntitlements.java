package org.academy.seats;

import java.time.Clock;
import java.time.LocalDate;

import org.academy.cohort.SeatEntitlements;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class PoolSeatEntitlements implements SeatEntitlements {

    private final JdbcClient jdbc;
    private final Clock clock;

    PoolSeatEntitlements(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public boolean entitles(long organisationId, long userId, long cohortId) {
        return jdbc.sql("""
                select 1 from seat_assignment a
                join seat_pool p on p.id = a.pool_id
                join cohort c on c.id = ?
                where a.user_id = ? and a.revoked_at is null and p.organisation_id = ?
                  and (p.cohort_id = c.id or (p.cohort_id is null and p.course_id = c.course_id))
                  and ? between p.valid_from and p.valid_until
                limit 1
                """).params(cohortId, userId, organisationId, LocalDate.now(clock))
                .query(Integer.class).optional().isPresent();
    }
}
