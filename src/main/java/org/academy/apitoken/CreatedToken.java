package org.academy.apitoken;

/** A token just created: {@code secret} is shown this once and stored nowhere, only its hash. */
public record CreatedToken(ApiTokenSummary token, String secret) {

    @Override
    public String toString() {
        return "CreatedToken[" + token + ", secret=…]";
    }
}
