package org.academy.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Progressive throttling of password guesses (decision 0016). Every attempt takes a token before
 * the password is checked; a success gives it back or clears the count, a failure keeps it spent.
 * Each allowance has several limits (by default 5 failures per 5 minutes, 10 per hour and 20 per
 * day for an account), so the wait grows with the failures.
 * <p>
 * Which allowance pays depends on the browser, after OWASP's device cookies: a browser that
 * presents a valid device cookie for the account ({@link LoginDevices}: it logged in to it before)
 * spends only its own small allowance, so a stranger who knows someone's email and fails on
 * purpose cannot lock that person out of the browsers they already use. Every other attempt
 * spends the account's allowance (what stops guessing spread over many machines) and the client
 * address's (what stops one machine trying many accounts).
 * <p>
 * The buckets are {@link TokenBuckets}: bounded, expiring, on the application's clock, and in
 * Redis when several nodes run, so the limits hold for the whole cluster.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final Pattern LIMIT = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*([smhd])\\s*");

    private final TokenBuckets accounts;
    private final TokenBuckets addresses;
    private final TokenBuckets devices;
    private final Counter rejections = Metrics.counter("academy.ratelimit.rejections", "limit", "login");

    LoginThrottle(Clock clock, String accountLimits, String addressLimits, String deviceLimits, long maxKeys) {
        this(clock, accountLimits, addressLimits, deviceLimits, maxKeys, null);
    }

    @Autowired
    LoginThrottle(Clock clock,
                  @Value("${academy.login.throttle.account:5/5m, 10/1h, 20/1d}") String accountLimits,
                  @Value("${academy.login.throttle.address:30/5m, 100/1h, 300/1d}") String addressLimits,
                  @Value("${academy.login.throttle.device:10/1h}") String deviceLimits,
                  @Value("${academy.login.throttle.max-keys:100000}") long maxKeys,
                  @Autowired(required = false) SharedBuckets shared) {
        this.accounts = new TokenBuckets("login:account:", parse(accountLimits), clock, maxKeys, shared);
        this.addresses = new TokenBuckets("login:address:", parse(addressLimits), clock, maxKeys, shared);
        this.devices = new TokenBuckets("login:device:", parse(deviceLimits), clock, maxKeys, shared);
    }

    /** An attempt from a browser without a valid device cookie for the account. */
    public void acquire(String username, String address) {
        acquire(username, address, null);
    }

    /**
     * Takes one attempt from the allowance that pays for it, or refuses with how long to wait.
     *
     * @param address the client's address, or null (no web request): then only the account counts
     * @param device  the nonce of a valid device cookie naming this account, or null
     */
    public void acquire(String username, String address, String device) {
        if (device != null) {
            // A known browser: neither the account's nor the address's allowance, which strangers
            // can spend, stands between its owner and the password check; only its own.
            take(devices, device, "a known browser");
            return;
        }
        String account = accountKey(username);
        take(accounts, account, "account " + account);
        String addressKey = addressKey(address);
        if (addressKey == null) {
            return;
        }
        try {
            take(addresses, addressKey, "address " + addressKey);
        } catch (LoginThrottledException refused) {
            // The attempt did not happen, so the account keeps its allowance.
            accounts.giveBack(account);
            throw refused;
        }
    }

    private void take(TokenBuckets buckets, String key, String whose) {
        SharedBuckets.Take take = buckets.take(key);
        if (!take.consumed()) {
            rejections.increment();
            throw new LoginThrottledException(take.waitFor());
        }
        if (take.remaining() == 0) {
            log.info("Logins by {} are throttled after repeated failures", whose);
        }
    }

    /**
     * The password was right. A known browser starts afresh. Otherwise the account starts afresh
     * and the address gets its token back: not a fresh start for the address, or logging in to
     * one's own account would reset the guesses made from there at other accounts. A success
     * through a known browser leaves the account's count alone: the stranger spending it is still
     * guessing.
     */
    public void succeeded(String username, String address, String device) {
        if (device != null) {
            devices.forget(device);
            return;
        }
        forget(username);
        String addressKey = addressKey(address);
        if (addressKey != null) {
            addresses.giveBack(addressKey);
        }
    }

    /** The attempt was not a guess (the database failed, say): whoever paid gets the token back. */
    public void refund(String username, String address, String device) {
        if (device != null) {
            devices.giveBack(device);
            return;
        }
        if (username != null) {
            accounts.giveBack(accountKey(username));
        }
        String addressKey = addressKey(address);
        if (addressKey != null) {
            addresses.giveBack(addressKey);
        }
    }

    /**
     * Clears an account's throttle: its owner proved who they are another way (they set a new
     * password through an administrator's reset link or an invitation).
     */
    public void forget(String username) {
        accounts.forget(accountKey(username));
    }

    static String accountKey(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The address as the throttle counts it. IPv6 clients usually hold a whole /64, so that is one
     * address here; otherwise every guess could come from a new address of the same network.
     */
    static String addressKey(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        try {
            InetAddress parsed = InetAddress.ofLiteral(address.strip());
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                java.util.Arrays.fill(bytes, 8, 16, (byte) 0);
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            }
            return parsed.getHostAddress();
        } catch (IllegalArgumentException | java.net.UnknownHostException notAnAddress) {
            return address.strip();
        }
    }

    /** "5/5m, 10/1h, 20/1d": attempts per period, periods in s, m, h or d. */
    static List<SharedBuckets.Limit> parse(String spec) {
        List<SharedBuckets.Limit> limits = new ArrayList<>();
        for (String part : spec.split(",")) {
            Matcher m = LIMIT.matcher(part);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Long.parseLong(m.group(2)) < 1) {
                throw new IllegalArgumentException("Not a login limit (like 5/5m): \"" + part.strip() + "\" in \"" + spec + "\"");
            }
            long amount = Long.parseLong(m.group(2));
            Duration period = switch (m.group(3)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            limits.add(new SharedBuckets.Limit(Integer.parseInt(m.group(1)), period));
        }
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("No login limits in \"" + spec + "\"");
        }
        return List.copyOf(limits);
    }
}
