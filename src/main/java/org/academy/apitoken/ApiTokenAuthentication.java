package org.academy.apitoken;

import java.util.Collection;

import org.academy.security.AcademyUser;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A request of the integration API, authenticated by a token. The principal is the token owner's
 * {@link AcademyUser}, so the same secured services (method security, membership checks) decide
 * what the program may read; an organisation token's principal carries the org admin role only.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    /** Authority of every token: reads only. */
    public static final String SCOPE_READ = "SCOPE_read";
    /** Authority of a personal token (everything its owner may read); organisation tokens lack it. */
    public static final String PERSONAL = "TOKEN_personal";

    private final AcademyUser user;
    private final long tokenId;
    private final Long organisationId;

    ApiTokenAuthentication(AcademyUser user, long tokenId, Long organisationId,
                           Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.user = user;
        this.tokenId = tokenId;
        this.organisationId = organisationId;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public AcademyUser getPrincipal() {
        return user;
    }

    public long tokenId() {
        return tokenId;
    }

    /** The organisation an organisation token is limited to; null for a personal token. */
    public Long organisationId() {
        return organisationId;
    }
}
