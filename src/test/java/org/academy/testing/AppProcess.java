package org.academy.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application as production runs it: the packaged jar in a JVM of its own, so a test can kill
 * it with SIGKILL (nothing flushed, no shutdown hook) and start it again, or run two of them beside
 * each other. For tests named {@code *IT}, which Maven's failsafe plugin runs after {@code package}.
 * <p>
 * Each process gets a port and, unless told to share one, a fresh schema in the test database,
 * dropped by {@link #close()}. Its console goes to {@code target/it-logs/NAME.log}, quoted in the
 * failure when it does not come up.
 */
public final class AppProcess implements AutoCloseable {

    private static final AtomicInteger schemas = new AtomicInteger();
    private static final String DATABASE = System.getProperty("academy.test.database-url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String DB_USER = System.getProperty("academy.test.database-user", "postgres");
    private static final String DB_PASSWORD = System.getProperty("academy.test.database-password", "");

    private final String name;
    private final int port;
    private final String schema;
    private final boolean ownsSchema;
    private final Map<String, String> properties;
    private final Path log;
    private Process process;
    private int startedAtLine;
    private int databaseRelayPort;

    private AppProcess(String name, int port, String schema, boolean ownsSchema, Map<String, String> properties) {
        this.name = name;
        this.port = port;
        this.schema = schema;
        this.ownsSchema = ownsSchema;
        this.properties = properties;
        this.log = Path.of("target", "it-logs", name + ".log");
    }

    /** A node on a free port with a schema of its own. */
    public static AppProcess create(String name, Map<String, String> properties) {
        return new AppProcess(name, freePort(), newSchemaName(), true, new LinkedHashMap<>(properties));
    }

    /** Another node of the same cluster: same schema (owned by {@code first}), a port of its own. */
    public static AppProcess sibling(AppProcess first, String name, Map<String, String> properties) {
        return new AppProcess(name, freePort(), first.schema, false, new LinkedHashMap<>(properties));
    }

    public static String newSchemaName() {
        return "test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() / 1000 + "_it" + schemas.incrementAndGet();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String schema() {
        return schema;
    }

    /** The JDBC URL of this node's schema, for a test that checks the database directly. */
    public String jdbcUrl() {
        return DATABASE + (DATABASE.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * The app reaches PostgreSQL through this local port (a relay such as {@link FlakyNetwork} in
     * front of {@link #databasePort()}) instead of directly; the test's own {@link #connect()} does not.
     */
    public AppProcess databaseThrough(int port) {
        this.databaseRelayPort = port;
        return this;
    }

    /** The port of the test database's PostgreSQL, for a relay in front of it. */
    public static int databasePort() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)/").matcher(DATABASE);
        return m.find() ? Integer.parseInt(m.group(1)) : 5432;
    }

    private String appJdbcUrl() {
        return databaseRelayPort == 0 ? jdbcUrl()
                : jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + databaseRelayPort + "/");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), DB_USER, DB_PASSWORD);
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public Path logFile() {
        return log;
    }

    /** The node's operating-system process id (for jcmd and CPU readings of a benchmark). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the jar and returns once it serves its login page; fails with the end of its log otherwise. */
    public AppProcess start() {
        return start(Duration.ofSeconds(120));
    }

    public AppProcess start(Duration timeout) {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Path jar = Path.of(System.getProperty("academy.jar", "target/academy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged jar at " + jar.toAbsolutePath()
                    + ": run the *IT tests through Maven (mvn verify), which packages it first.");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + properties.getOrDefault("jvm.heap", "768m"));
        if (!"full".equals(properties.get("jvm.jit"))) {
            // Quicker start for tests; a benchmark asks for the production JIT with jvm.jit=full.
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("--server.port=" + port);
        command.add("--academy.db.schema=" + schema);
        command.add("--spring.datasource.url=" + appJdbcUrl());
        command.add("--spring.datasource.username=" + DB_USER);
        command.add("--spring.datasource.password=" + DB_PASSWORD);
        command.add("--spring.datasource.hikari.maximum-pool-size=10");
        command.add("--vaadin.devmode.usageStatistics.enabled=false");
        properties.forEach((key, value) -> {
            if (!key.startsWith("jvm.")) {
                command.add("--" + key + "=" + value);
            }
        });
        try {
            Files.createDirectories(log.getParent());
            startedAtLine = Files.exists(log) ? Files.readAllLines(log).size() : 0;
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + name, e);
        }
        awaitReady(timeout);
        return this;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri("/login"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200 && readyLogged()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(250);
        }
        kill9();
        throw new IllegalStateException(name + " did not come up within " + timeout + ":\n" + tail());
    }

    /** Start-up tasks (demo data) run after the web server answers; the app logs this line once they are done. */
    private boolean readyLogged() {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.subList(startedAtLine, lines.size()).stream().anyMatch(l -> l.contains("Academy is ready"));
        } catch (IOException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    /** SIGKILL: the JVM gets no chance to finish anything, as when a machine loses power. */
    public void kill9() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** SIGTERM: a graceful stop, as a deployment does. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the node's console. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        kill9();
        if (ownsSchema) {
            try (Connection c = DriverManager.getConnection(DATABASE, DB_USER, DB_PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            } catch (SQLException e) {
                System.err.println("Could not drop " + schema + ": " + e.getMessage());
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
