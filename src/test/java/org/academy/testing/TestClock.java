package org.academy.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's Clock in integration tests: the system clock until a test pins it, so a test
 * can say what "now" is without a context of its own. Clocks derived with {@link #withZone} share
 * the pin, as views and jobs derive zoned clocks from the bean.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> pinned;
    private final ZoneId zone;

    public TestClock() {
        this(new AtomicReference<>(), ZoneOffset.UTC);
    }

    private TestClock(AtomicReference<Instant> pinned, ZoneId zone) {
        this.pinned = pinned;
        this.zone = zone;
    }

    /** From now on every reader of the Clock bean sees this instant, until {@link #release()}. */
    public void pin(Instant instant) {
        pinned.set(instant);
    }

    /** Back to the system clock. */
    public void release() {
        pinned.set(null);
    }

    @Override
    public Instant instant() {
        Instant instant = pinned.get();
        return instant == null ? Clock.systemUTC().instant() : instant;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new TestClock(pinned, zone);
    }

    /** Replaces the application's Clock bean in {@link IntegrationTest}s. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
