package org.academy.apitoken;

import org.springframework.stereotype.Component;

/** Asked by long-lived streams now and then: is the token they were opened with still good? */
@Component
public class TokenStatus {

    private final TokenAuthenticator authenticator;

    TokenStatus(TokenAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** Not revoked, and its owner still active. */
    public boolean live(long tokenId) {
        return authenticator.stillValid(tokenId);
    }
}
