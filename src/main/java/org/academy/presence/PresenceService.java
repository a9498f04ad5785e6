package org.academy.presence;

import org.academy.security.SignedIn;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.academy.base.RecordRowMapper;
import org.academy.cohort.CohortService;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who of a cohort is online now and when the others were last seen; members of the cohort only.
 * The member list is read once per presence change and shared by every view of the cohort.
 */
@Service
public class PresenceService {

    private final CohortPresence presence;
    private final CohortService cohorts;
    private final JdbcClient jdbc;
    /**
     * Bounded and forgetful: a list is worth keeping only while someone of the cohort is online to
     * look at it, and one whose version is out of date is never served.
     */
    private final Cache<Long, Cached> cache = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    private record Cached(long version, List<MemberPresence> members) {
    }

    private record Member(long userId, String displayName, boolean staff, Instant lastSeenAt) {
    }

    PresenceService(CohortPresence presence, CohortService cohorts, JdbcClient jdbc) {
        this.presence = presence;
        this.cohorts = cohorts;
        this.jdbc = jdbc;
    }

    /** Marks the caller online in the cohort while the returned handle is open and pinged. */
    @SignedIn
    public PresenceHandle join(long cohortId) {
        AcademyUser caller = CurrentUser.require();
        cohorts.requireAccess(cohortId);
        long view = presence.enter(cohortId, caller.id());
        return new PresenceHandle() {
            @Override
            public void ping() {
                presence.ping(view);
            }

            @Override
            public void close() {
                presence.leave(view);
            }
        };
    }

    /** Every member of the cohort, online first, then most recently seen. */
    @SignedIn
    public List<MemberPresence> members(long cohortId) {
        cohorts.requireAccess(cohortId);
        long version = presence.version(cohortId);
        Cached cached = version == 0 ? null : cache.getIfPresent(cohortId);
        if (cached != null && cached.version() == version) {
            return cached.members();
        }
        Set<Long> online = presence.online(cohortId);
        List<MemberPresence> members = jdbc.sql("""
                        select p.id as user_id, p.display_name, false as staff, cp.last_seen_at
                        from enrolment e join app_user p on p.id = e.user_id
                        left join cohort_presence cp on cp.cohort_id = e.cohort_id and cp.user_id = p.id
                        where e.cohort_id = :cohort
                        union all
                        select p.id, p.display_name, true, cp.last_seen_at
                        from cohort_instructor ci join app_user p on p.id = ci.user_id
                        left join cohort_presence cp on cp.cohort_id = ci.cohort_id and cp.user_id = p.id
                        where ci.cohort_id = :cohort
                        """).param("cohort", cohortId).query(RecordRowMapper.of(Member.class)).list().stream()
                .map(m -> new MemberPresence(m.userId(), m.displayName(), m.staff(), online.contains(m.userId()),
                        m.lastSeenAt()))
                .sorted(Comparator.comparing(MemberPresence::online).reversed()
                        .thenComparing(m -> m.lastSeenAt() == null ? Instant.EPOCH : m.lastSeenAt(), Comparator.reverseOrder())
                        .thenComparing(m -> m.displayName().toLowerCase()))
                .toList();
        if (version != 0) {
            cache.put(cohortId, new Cached(version, members));
        }
        return members;
    }
}
