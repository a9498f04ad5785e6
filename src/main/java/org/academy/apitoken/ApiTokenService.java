package org.academy.apitoken;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.academy.base.RecordRowMapper;
import org.academy.base.TextInput;
import org.academy.security.AcademyUser;
import org.academy.security.CurrentUser;
import org.academy.security.OrganisationAdmins;
import org.academy.security.Role;
import org.academy.security.SignedIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens for programs (the integration API): a person creates, names and revokes
 * their own; an organisation's admin also creates organisation tokens, which read that
 * organisation's reports and nothing else. Every token is read-only. Only a SHA-256 hash is
 * stored: the token is shown once, and a leaked table does not leak tokens.
 */
@Service
public class ApiTokenService {

    public static final int MAX_NAME = 100;
    /** Live tokens one person may hold: enough for every integration, not a table anyone can fill. */
    public static final int MAX_LIVE_TOKENS = 20;
    static final String NOT_FOUND = "This token does not exist, or it is not yours.";

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiTokenService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A read-only token acting as the caller: it sees what the caller may see, through the same services. */
    @Transactional
    @SignedIn
    public CreatedToken create(String name) {
        AcademyUser caller = CurrentUser.require();
        return insert(caller, null, name);
    }

    /**
     * A read-only token for the caller's organisation's reports only; org admins of an organisation.
     * Membership: the organisation is the caller's own (platform administrators have none).
     */
    @Transactional
    @OrganisationAdmins
    public CreatedToken createForOrganisation(String name) {
        AcademyUser caller = CurrentUser.requireAny(Role.ORG_ADMIN);
        if (caller.organisationId() == null) {
            throw new InvalidRequestException("Only an organisation's own admin can create an organisation token.");
        }
        return insert(caller, caller.organisationId(), name);
    }

    /** The caller's own tokens, newest first, revoked ones included (greyed in the list). */
    @Transactional(readOnly = true)
    @SignedIn
    public List<ApiTokenSummary> mine() {
        AcademyUser caller = CurrentUser.require();
        return jdbc.sql("""
                select id, name, scope, organisation_id, prefix, created_at, last_used_at, revoked_at
                from api_token where owner_id = ? order by id desc
                """).param(caller.id()).query(RecordRowMapper.of(ApiTokenSummary.class)).list();
    }

    /** Revokes one of the caller's own tokens at once; someone else's is not found. Revoking twice changes nothing. */
    @Transactional
    @SignedIn
    public ApiTokenSummary revoke(long tokenId) {
        AcademyUser caller = CurrentUser.require();
        int owned = jdbc.sql("select count(*) from api_token where id = ? and owner_id = ?")
                .params(tokenId, caller.id()).query(Integer.class).single();
        if (owned == 0) {
            throw new NotFoundException(NOT_FOUND);
        }
        jdbc.sql("update api_token set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), tokenId).update();
        return find(tokenId);
    }

    private CreatedToken insert(AcademyUser caller, Long organisationId, String name) {
        String n = TextInput.require(name, MAX_NAME, "A token needs a name of 1 to " + MAX_NAME + " characters.",
                "A token needs a name of 1 to " + MAX_NAME + " characters.");
        // Lock the person's row: two tabs creating at once are counted one after the other.
        jdbc.sql("select id from app_user where id = ? for update").param(caller.id()).query(Long.class).optional();
        int live = jdbc.sql("select count(*) from api_token where owner_id = ? and revoked_at is null")
                .param(caller.id()).query(Integer.class).single();
        if (live >= MAX_LIVE_TOKENS) {
            throw new InvalidRequestException("You have " + MAX_LIVE_TOKENS + " live tokens; revoke one first.");
        }
        String secret = TokenSecrets.generate();
        long id = jdbc.sql("""
                insert into api_token (owner_id, organisation_id, name, scope, token_hash, prefix, created_at)
                values (?, ?, ?, 'READ', ?, ?, ?) returning id
                """).params(caller.id(), organisationId, n, TokenSecrets.hash(secret), TokenSecrets.prefix(secret),
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
        return new CreatedToken(find(id), secret);
    }

    private ApiTokenSummary find(long id) {
        return jdbc.sql("""
                select id, name, scope, organisation_id, prefix, created_at, last_used_at, revoked_at
                from api_token where id = ?
                """).param(id).query(RecordRowMapper.of(ApiTokenSummary.class)).single();
    }
}
