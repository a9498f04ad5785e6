package org.academy.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.springframework.stereotype.Component;

/**
 * Progressive throttling of password guesses, per account and per client address. Every attempt
 * takes a token from both buckets before the password is checked; a success gives the address its
 * token back and clears the account, a failure keeps them spent. Each bucket has several limits
 * (by default 5 failures per 5 minutes, 10 per hour and 20 per day for an account), so the wait
 * grows with the failures. Buckets live in bounded, expiring caches: memory stays bounded however
 * many names or addresses are tried, at the price that a flood of new keys can evict old ones.
 * With several nodes the buckets live in Redis ({@link SharedBuckets}), so the limits hold for the
 * whole cluster however the load balancer spreads the attempts.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final Pattern LIMIT = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*([smhd])\\s*");

    /** One limit: at most {@code attempts} failures per {@code period}, refilled gradually. */
    record Limit(int attempts, Duration period) {
    }

    private final List<Limit> accountLimits;
    private final List<Limit> addressLimits;
    private final TimeMeter time;
    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;
    private final SharedBuckets shared;
    private final Counter rejections = Metrics.counter("academy.ratelimit.rejections", "limit", "login");

    LoginThrottle(Clock clock, String accountLimits, String addressLimits, long maxKeys) {
        this(clock, accountLimits, addressLimits, maxKeys, null);
    }

    @Autowired
    LoginThrottle(Clock clock,
                  @Value("${academy.login.throttle.account:5/5m, 10/1h, 20/1d}") String accountLimits,
                  @Value("${academy.login.throttle.address:30/5m, 100/1h, 300/1d}") String addressLimits,
                  @Value("${academy.login.throttle.max-keys:100000}") long maxKeys,
                  @Autowired(required = false) SharedBuckets shared) {
        this.shared = shared;
        this.accountLimits = parse(accountLimits);
        this.addressLimits = parse(addressLimits);
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos(clock.instant());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        Ticker ticker = () -> nanos(clock.instant());
        this.accounts = cache(maxKeys, longest(this.accountLimits), ticker);
        this.addresses = cache(maxKeys, longest(this.addressLimits), ticker);
    }

    /**
     * Takes one attempt from the account's and the address's allowance, or refuses with how long
     * to wait. The address may be null (no web request): then only the account counts.
     */
    public void acquire(String username, String address) {
        if (shared != null) {
            try {
                acquireShared(username, address);
                return;
            } catch (LoginThrottledException throttled) {
                throw throttled;
            } catch (RuntimeException storeUnreachable) {
                // Redis is away: this node's own buckets throttle meanwhile.
                log.warn("Shared login throttle unreachable, throttling on this node: {}", storeUnreachable.toString());
            }
        }
        Bucket account = accounts.get(accountKey(username), k -> bucket(accountLimits));
        ConsumptionProbe probe = account.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            rejections.increment();
            throw new LoginThrottledException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
        if (probe.getRemainingTokens() == 0) {
            log.info("Logins to {} are throttled after repeated failures", accountKey(username));
        }
        String addressKey = addressKey(address);
        if (addressKey == null) {
            return;
        }
        ConsumptionProbe byAddress = addresses.get(addressKey, k -> bucket(addressLimits)).tryConsumeAndReturnRemaining(1);
        if (!byAddress.isConsumed()) {
            // The attempt did not happen, so the account keeps its allowance.
            account.addTokens(1);
            rejections.increment();
            throw new LoginThrottledException(Duration.ofNanos(byAddress.getNanosToWaitForRefill()));
        }
        if (byAddress.getRemainingTokens() == 0) {
            log.info("Logins from {} are throttled after repeated failures", addressKey);
        }
    }

    /**
     * The password was right: the account starts afresh and the address gets its token back. Not
     * a fresh start for the address, or logging in to one's own account would reset the guesses
     * made from there at other accounts.
     */
    public void succeeded(String username, String address) {
        forget(username);
        refund(null, address);
    }

    /** The attempt was not a guess (the database failed, say): both get their token back. */
    public void refund(String username, String address) {
        if (shared != null && refundShared(username, address)) {
            return;
        }
        refundLocal(username, address);
    }

    private boolean refundShared(String username, String address) {
        try {
            if (username != null) {
                shared.take(SHARED_ACCOUNT + accountKey(username), limits(accountLimits), -1);
            }
            String addressKey = addressKey(address);
            if (addressKey != null) {
                shared.take(SHARED_ADDRESS + addressKey, limits(addressLimits), -1);
            }
            return true;
        } catch (RuntimeException storeUnreachable) {
            return false;
        }
    }

    private void refundLocal(String username, String address) {
        if (username != null) {
            Bucket account = accounts.getIfPresent(accountKey(username));
            if (account != null) {
                account.addTokens(1);
            }
        }
        String addressKey = addressKey(address);
        Bucket byAddress = addressKey == null ? null : addresses.getIfPresent(addressKey);
        if (byAddress != null) {
            byAddress.addTokens(1);
        }
    }

    /**
     * Clears an account's throttle: its owner proved who they are another way (they set a new
     * password through an administrator's reset link or an invitation).
     */
    public void forget(String username) {
        if (shared != null) {
            try {
                shared.forget(SHARED_ACCOUNT + accountKey(username));
            } catch (RuntimeException storeUnreachable) {
                log.warn("Could not clear the shared login throttle of {}: {}", accountKey(username), storeUnreachable.toString());
            }
        }
        accounts.invalidate(accountKey(username));
    }

    private static final String SHARED_ACCOUNT = "login:account:";
    private static final String SHARED_ADDRESS = "login:address:";

    /** The same rules as the local buckets, on buckets every node shares. */
    private void acquireShared(String username, String address) {
        String account = SHARED_ACCOUNT + accountKey(username);
        SharedBuckets.Take probe = shared.take(account, limits(accountLimits), 1);
        if (!probe.consumed()) {
            rejections.increment();
            throw new LoginThrottledException(probe.waitFor());
        }
        if (probe.remaining() == 0) {
            log.info("Logins to {} are throttled after repeated failures", accountKey(username));
        }
        String addressKey = addressKey(address);
        if (addressKey == null) {
            return;
        }
        SharedBuckets.Take byAddress = shared.take(SHARED_ADDRESS + addressKey, limits(addressLimits), 1);
        if (!byAddress.consumed()) {
            shared.take(account, limits(accountLimits), -1);
            rejections.increment();
            throw new LoginThrottledException(byAddress.waitFor());
        }
        if (byAddress.remaining() == 0) {
            log.info("Logins from {} are throttled after repeated failures", addressKey);
        }
    }

    private static List<SharedBuckets.Limit> limits(List<Limit> limits) {
        return limits.stream().map(l -> new SharedBuckets.Limit(l.attempts(), l.period())).toList();
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

    private Bucket bucket(List<Limit> limits) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
        for (Limit limit : limits) {
            builder.addLimit(l -> l.capacity(limit.attempts()).refillGreedy(limit.attempts(), limit.period()));
        }
        return builder.build();
    }

    private static Cache<String, Bucket> cache(long maxKeys, Duration idle, Ticker ticker) {
        // A bucket left alone for its longest period is full again: forgetting it changes nothing.
        return Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(idle.toNanos(), TimeUnit.NANOSECONDS)
                .ticker(ticker).build();
    }

    private static Duration longest(List<Limit> limits) {
        return limits.stream().map(Limit::period).max(Comparator.naturalOrder()).orElseThrow();
    }

    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    /** "5/5m, 10/1h, 20/1d": attempts per period, periods in s, m, h or d. */
    static List<Limit> parse(String spec) {
        List<Limit> limits = new ArrayList<>();
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
            limits.add(new Limit(Integer.parseInt(m.group(1)), period));
        }
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("No login limits in \"" + spec + "\"");
        }
        return List.copyOf(limits);
    }
}
