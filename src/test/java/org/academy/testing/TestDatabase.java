package org.academy.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every test run gets a schema of its own in the local PostgreSQL's {@code test} database, so
 * runs never see each other's data and no manual set-up is needed. Flyway creates the schema;
 * it is dropped when the test JVM exits (set {@code academy.test.keep-schema=true} to look at it).
 * Registered for every Spring context of the tests in META-INF/spring.factories.
 */
public class TestDatabase implements EnvironmentPostProcessor {

    public static final String SCHEMA = System.getProperty("academy.test.schema",
            "test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() / 1000);

    private static final AtomicBoolean cleanupRegistered = new AtomicBoolean();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String base = environment.getProperty("academy.test.database-url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = environment.getProperty("academy.test.database-user", "postgres");
        String password = environment.getProperty("academy.test.database-password", "");
        Map<String, Object> props = new HashMap<>();
        props.put("academy.db.schema", SCHEMA);
        props.put("spring.datasource.url", base + (base.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        props.put("spring.datasource.username", user);
        props.put("spring.datasource.password", password);
        // The test JVM keeps a Spring context per configuration (ten or so), each with its own
        // pool: keep idle pools small so together they stay well under PostgreSQL's 100 connections.
        props.put("spring.datasource.hikari.maximum-pool-size", environment.getProperty("academy.test.pool-size", "8"));
        props.put("spring.datasource.hikari.minimum-idle", "1");
        props.put("spring.datasource.hikari.idle-timeout", "10000");
        environment.getPropertySources().addFirst(new MapPropertySource("academy-test-database", props));
        // Scheduled jobs off unless a test class switches them on (lowest precedence, so it can):
        // contexts cached by the run share this schema, and their jobs would write under other tests.
        environment.getPropertySources().addLast(new MapPropertySource("academy-test-defaults",
                Map.of("academy.scheduling.enabled", "false")));
        if (!Boolean.parseBoolean(environment.getProperty("academy.test.keep-schema", "false"))
                && cleanupRegistered.compareAndSet(false, true)) {
            dropStale(base, user, password);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(base, user, password), "drop-test-schema"));
        }
    }

    /** Schemas of runs that were killed before their shutdown hook, older than a day. */
    private static void dropStale(String url, String user, String password) {
        long dayAgo = System.currentTimeMillis() / 1000 - 86_400;
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            var stale = new java.util.ArrayList<String>();
            try (var rs = s.executeQuery("select nspname from pg_namespace where nspname ~ '^test_[0-9]+_[0-9]+$'")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (Long.parseLong(name.substring(name.lastIndexOf('_') + 1)) < dayAgo) {
                        stale.add(name);
                    }
                }
            }
            for (String name : stale) {
                s.execute("drop schema if exists " + name + " cascade");
            }
        } catch (SQLException e) {
            System.err.println("Could not clean up old test schemas: " + e.getMessage());
        }
    }

    private static void drop(String url, String user, String password) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        } catch (SQLException e) {
            System.err.println("Could not drop test schema " + SCHEMA + ": " + e.getMessage());
        }
    }
}
