package org.academy.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Puts {@link LoginThrottle} in front of the password check: a throttled attempt is refused before
 * the password is looked at, so even the right password waits. The client address and the
 * browser's device cookie come from the web request's authentication details (absent when nothing
 * came over HTTP); a device cookie counts only if it names the account being logged in to.
 */
final class ThrottlingAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;
    private final LoginDevices devices;

    ThrottlingAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle, LoginDevices devices) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.devices = devices;
    }

    private static final io.micrometer.core.instrument.Counter FAILED_LOGINS =
            io.micrometer.core.instrument.Metrics.counter("academy.login.failures");

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        String device = attempt.getDetails() instanceof LoginDevices.LoginAttemptDetails details
                ? devices.trustedFor(details.device(), username) : null;
        throttle.acquire(username, address, device);
        Authentication result;
        try {
            result = delegate.authenticate(attempt);
        } catch (AuthenticationException failed) {
            if (failed instanceof InternalAuthenticationServiceException) {
                // Our failure (the database, say), not a wrong password: it costs the person nothing.
                throttle.refund(username, address, device);
            } else {
                FAILED_LOGINS.increment();
            }
            throw failed;
        } catch (RuntimeException broken) {
            throttle.refund(username, address, device);
            throw broken;
        }
        if (result == null) {
            throttle.refund(username, address, device);
        } else {
            throttle.succeeded(username, address, device);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
