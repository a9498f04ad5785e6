package org.academy.apitoken;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.academy.security.AcademyUser;
import org.academy.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Turns a bearer token into an authentication, checked afresh on every request: a revoked token,
 * a deactivated owner or organisation, or a lost role take effect on the next request.
 */
@Component
class TokenAuthenticator {

    /** "Last used" is written at most this often per token, so reads do not turn into writes. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    TokenAuthenticator(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Row(long tokenId, Long tokenOrganisationId, long userId, Long organisationId, String email,
               String displayName, boolean active, Instant lastUsedAt) {
    }

    Optional<ApiTokenAuthentication> authenticate(String token) {
        if (!TokenSecrets.wellFormed(token)) {
            return Optional.empty();
        }
        Optional<Row> found = jdbc.sql("""
                select t.id as token_id, t.organisation_id as token_organisation_id, u.id as user_id, u.organisation_id,
                       u.email, u.display_name,
                       u.active and (u.organisation_id is null
                                     or exists (select 1 from organisation o where o.id = u.organisation_id and o.active))
                           as active,
                       t.last_used_at
                from api_token t join app_user u on u.id = t.owner_id
                where t.token_hash = ? and t.revoked_at is null
                """).param(TokenSecrets.hash(token)).query(org.academy.base.RecordRowMapper.of(Row.class)).optional();
        if (found.isEmpty() || !found.get().active()) {
            return Optional.empty();
        }
        Row row = found.get();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("select role from user_role where user_id = ?").param(row.userId()).query(String.class).list()
                .forEach(r -> roles.add(Role.valueOf(r)));
        if (row.tokenOrganisationId() != null) {
            // An organisation token reads its organisation's reports as an org admin of it, nothing more;
            // the owner must still be that organisation's admin.
            if (!roles.contains(Role.ORG_ADMIN) || !row.tokenOrganisationId().equals(row.organisationId())) {
                return Optional.empty();
            }
            roles.retainAll(Set.of(Role.ORG_ADMIN));
        }
        AcademyUser user = new AcademyUser(row.userId(), row.organisationId(), row.email(), row.displayName(), null,
                true, roles);
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authorities.add(new SimpleGrantedAuthority(ApiTokenAuthentication.SCOPE_READ));
        if (row.tokenOrganisationId() == null) {
            authorities.add(new SimpleGrantedAuthority(ApiTokenAuthentication.PERSONAL));
        }
        touch(row);
        return Optional.of(new ApiTokenAuthentication(user, row.tokenId(), row.tokenOrganisationId(), authorities));
    }

    /** Is the token still good (not revoked, owner active)? Asked by long-lived streams now and then. */
    boolean stillValid(long tokenId) {
        return jdbc.sql("""
                select count(*) from api_token t join app_user u on u.id = t.owner_id
                where t.id = ? and t.revoked_at is null and u.active
                """).param(tokenId).query(Integer.class).single() > 0;
    }

    private void touch(Row row) {
        Instant now = clock.instant();
        if (row.lastUsedAt() == null || row.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            jdbc.sql("update api_token set last_used_at = ? where id = ?")
                    .params(Timestamp.from(now), row.tokenId()).update();
        }
    }
}
