package org.academy.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.academy.testing.AppProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Fan-out harness of issue 15 (tag "load": never part of the suite; docs/performance.md "Fan-out
 * side by side"). The packaged jar ({@code target/academy.jar}, production frontend, full JIT) runs
 * in a JVM of its own; N participants run in another ({@link Participants}), each a Flow-protocol
 * client with push over WebSocket on one live session whose poll is open with results shown.
 * <p>
 * Mode {@code votes} (default): a warm-up round on a second session's poll (not counted), then
 * every participant votes once, by clicks over Flow RPC, at a uniformly random moment within
 * {@code load.spreadMs}. Latency of vote k at participant p = first arrival at p of a tally ≥ the
 * ordinal of k in the database's commit order, minus the moment k's click was sent.
 * Mode {@code idle}: N connected and held {@code load.idleSeconds}. Mode {@code vanish}: N
 * connected, then their JVM is killed (sockets drop without a goodbye) and the server's UIs,
 * subscriptions and heap are sampled every 5 s until released or {@code load.vanishMinutes}.
 * <p>
 * Run: {@code ./academy bench N...} (both systems), or after {@code mvn package -DskipTests}:
 * {@code mvn test -Dtest=FanoutHarness -Dgroups=load -Dtest.excludedGroups=none -Dload.participants=100}.
 */
@Tag("load")
public class FanoutHarness {

    static final int PARTICIPANTS = Integer.getInteger("load.participants", 100);
    static final long SPREAD_MS = Long.getLong("load.spreadMs", 10_000);
    static final String MODE = System.getProperty("load.mode", "votes");
    static final String PASSWORD = "load-password";

    @Test
    void participants_vote_by_clicks_and_every_screen_shows_every_vote() throws Exception {
        run();
    }

    /** From the command line (./academy bench): exits 1 when the run found errors. */
    public static void main(String[] args) {
        try {
            run();
            System.exit(0);
        } catch (Throwable failed) {
            failed.printStackTrace();
            System.exit(1);
        }
    }

    static void run() throws Exception {
        Path out = Path.of(System.getProperty("load.out", "target/bench/ours-" + MODE + "-" + PARTICIPANTS + ".txt"));
        Files.createDirectories(out.getParent());
        Map<String, String> props = new HashMap<>(Map.of("spring.profiles.active", "demo", "jvm.jit", "full",
                "jvm.heap", System.getProperty("load.serverHeap", "6g"),
                // Every participant logs in from this one address: the login allowance is not measured here.
                "academy.login.throttle.address", "100000/5m, 100000/1h, 100000/1d"));
        try (AppProcess app = AppProcess.create("fanout-" + MODE + "-" + PARTICIPANTS, props).start(Duration.ofSeconds(300))) {
            Report report = switch (MODE) {
                case "idle" -> idle(app);
                case "vanish" -> vanish(app);
                default -> votes(app);
            };
            report.print(out);
            if (!report.failures.isEmpty()) {
                throw new AssertionError(String.join("; ", report.failures));
            }
        }
    }

    // ---------------------------------------------------------------- modes

    private static Report votes(AppProcess app) throws Exception {
        Report r = new Report();
        Seed seed = seed(app, PARTICIPANTS);
        long heapBefore = heapAfterGc(app);
        try (Clients clients = new Clients(app, seed.credentials)) {
            int[] opened = clients.counts(clients.call("OPEN sessions/" + seed.warmSession + " " + seed.warmPoll, "OPENED"));
            r.add("participants=%d spread=%d ms connected=%d connectErrors=%d", PARTICIPANTS, SPREAD_MS, opened[0], opened[1]);
            // Warm-up round (not counted): the server's code is compiled, as in production.
            clients.call("VOTE " + SPREAD_MS + " 1", "VOTED");
            clients.call("AWAIT " + opened[0] + " 60000", "AWAITED");
            int[] moved = clients.counts(clients.call("NAVIGATE sessions/" + seed.session + " " + seed.poll, "NAVIGATED"));
            Thread.sleep(2000);
            long heapConnected = heapAfterGc(app);

            long[] before = clients.stats();
            long cpuBefore = cpuMillis(app);
            long start = System.nanoTime();
            int[] voted = clients.counts(clients.call("VOTE " + SPREAD_MS + " 2", "VOTED"));
            int there = clients.counts(clients.call("AWAIT " + voted[0] + " 120000", "AWAITED"))[0];
            double windowS = (System.nanoTime() - start) / 1e9;
            long cpu = cpuMillis(app) - cpuBefore;
            long[] after = clients.stats();
            Path dump = Files.createTempFile("fanout", ".txt");
            clients.call("DUMP " + dump, "DUMPED");

            List<String> order = new ArrayList<>();
            int stored;
            String orderedBy;
            try (Connection db = app.connect()) {
                boolean commitTimes = "on".equals(single(db, "show track_commit_timestamp"));
                // Exact commit order where PostgreSQL records it; otherwise the transaction's start
                // (cast_at = now()), then its id: a vote's transaction is one short insert.
                orderedBy = commitTimes ? "pg_xact_commit_timestamp(b.xmin)" : "b.cast_at, b.xmin::text::bigint";
                try (PreparedStatement s = db.prepareStatement("select u.email from poll_ballot b join app_user u on u.id = b.user_id"
                        + " where b.poll_id = ? order by " + orderedBy)) {
                    s.setLong(1, seed.poll);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            order.add(rs.getString(1));
                        }
                    }
                }
                stored = order.size();
            }
            Map<String, Integer> ordinal = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                ordinal.put(order.get(i), i + 1);
            }
            // Read what the participants recorded.
            Map<String, long[]> sent = new HashMap<>();
            List<long[]> screens = new ArrayList<>();
            List<Integer> finals = new ArrayList<>();
            for (String line : Files.readAllLines(dump)) {
                String[] f = line.split(" ");
                if (f[0].equals("V") && f[5].equals("true")) {
                    sent.put(f[2], new long[]{Long.parseLong(f[3]), Long.parseLong(f[4])});
                } else if (f[0].equals("P")) {
                    finals.add(Integer.parseInt(f[2]));
                    long[] seen = new long[f.length - 3];
                    for (int i = 3; i < f.length; i++) {
                        seen[i - 3] = Long.parseLong(f[i]);
                    }
                    screens.add(seen);
                }
            }
            Files.deleteIfExists(dump);
            List<Double> pairs = new ArrayList<>();
            List<Double> worst = new ArrayList<>();
            List<Double> clicks = new ArrayList<>();
            int missing = 0;
            for (var vote : sent.entrySet()) {
                Integer k = ordinal.get(vote.getKey());
                if (k == null) {
                    missing++;
                    continue;
                }
                long sentAt = vote.getValue()[0];
                clicks.add((vote.getValue()[1] - sentAt) / 1000.0);
                double w = 0;
                for (long[] seen : screens) {
                    double ms = k < seen.length && seen[k] > 0 ? (seen[k] - sentAt) / 1000.0 : Double.POSITIVE_INFINITY;
                    pairs.add(ms);
                    w = Math.max(w, ms);
                }
                worst.add(w);
            }
            long wrongScreens = finals.stream().filter(t -> t != stored).count();
            int errors = (int) (after[1] + opened[1] + moved[1] + voted[1] + wrongScreens + missing + after[2]);
            r.add("votes sent=%d acknowledged=%d refused=%d stored=%d (commit order by %s)", voted[0] + voted[1], voted[0],
                    voted[1], stored, orderedBy);
            r.add("vote x participant pairs=%d ms %s", pairs.size(), Stats.line(pairs));
            r.add("vote->every-screen votes=%d ms %s", worst.size(), Stats.line(worst));
            r.add("vote click round trip ms %s", Stats.line(clicks));
            r.add("screens with the stored tally %d of %d (stored %d); screens never reaching it %d", finals.size() - wrongScreens,
                    finals.size(), stored, screens.size() - there);
            long pushes = after[0] - before[0];
            r.add("server CPU over the vote window %d ms in %.1f s; pushes received %d = %.1f per participant per s; "
                            + "CPU per participant screen update %.3f ms", cpu, windowS, pushes,
                    pushes / (double) Math.max(1, opened[0]) / windowS, pushes == 0 ? 0 : cpu / (double) pushes);
            r.add("client JVM CPU over the vote window %d ms", after[3] - before[3]);
            r.heap(heapBefore, heapConnected, opened[0]);
            r.add("errors=%d (client errors %d, lost server messages %d, connect failures %d, navigate failures %d, "
                            + "refused clicks %d, wrong final screens %d, acknowledged votes not stored %d)", errors, after[1],
                    after[2], opened[1], moved[1], voted[1], wrongScreens, missing);
            r.result("participants=%d pairs_p50=%.1f pairs_p95=%.1f pairs_p99=%.1f pairs_max=%.1f worst_p50=%.1f worst_p99=%.1f "
                            + "heap_kb=%d cpu_per_update_ms=%.3f errors=%d", PARTICIPANTS, Stats.pct(pairs, 50), Stats.pct(pairs, 95),
                    Stats.pct(pairs, 99), Stats.pct(pairs, 100), Stats.pct(worst, 50), Stats.pct(worst, 99),
                    opened[0] == 0 ? 0 : (heapConnected - heapBefore) / 1024 / opened[0],
                    pushes == 0 ? 0 : cpu / (double) pushes, errors);
            if (voted[0] + voted[1] != stored) {
                r.failures.add("votes sent " + (voted[0] + voted[1]) + " but stored " + stored);
            }
            if (wrongScreens > 0) {
                r.failures.add(wrongScreens + " screens do not show the stored tally " + stored);
            }
            if (errors > 0) {
                r.failures.add(errors + " errors");
            }
            clients.call("STOP", "STOPPED");
        }
        return r;
    }

    private static Report idle(AppProcess app) throws Exception {
        Report r = new Report();
        Seed seed = seed(app, PARTICIPANTS);
        long heapBefore = heapAfterGc(app);
        int seconds = Integer.getInteger("load.idleSeconds", 60);
        try (Clients clients = new Clients(app, seed.credentials)) {
            long t = System.nanoTime();
            int[] opened = clients.counts(clients.call("OPEN sessions/" + seed.session + " " + seed.poll, "OPENED"));
            r.add("participants=%d connected=%d connectErrors=%d in %.0f s (logins with a strength-4 bcrypt hash)", PARTICIPANTS,
                    opened[0], opened[1], (System.nanoTime() - t) / 1e9);
            Thread.sleep(5000);
            long heapConnected = heapAfterGc(app);
            long[] before = clients.stats();
            long cpuBefore = cpuMillis(app);
            Thread.sleep(seconds * 1000L);
            long cpu = cpuMillis(app) - cpuBefore;
            long[] after = clients.stats();
            r.add("idle %d s: server CPU %d ms = %.1f %% of one core; pushes received %d; client JVM CPU %d ms", seconds, cpu,
                    cpu / (seconds * 10.0), after[0] - before[0], after[3] - before[3]);
            r.heap(heapBefore, heapConnected, opened[0]);
            int errors = (int) (after[1] + after[2] + opened[1]);
            r.add("errors=%d (client errors %d, lost server messages %d, connect failures %d)", errors, after[1], after[2], opened[1]);
            r.result("mode=idle participants=%d heap_kb=%d cpu_pct_one_core=%.1f errors=%d", PARTICIPANTS,
                    opened[0] == 0 ? 0 : (heapConnected - heapBefore) / 1024 / opened[0], cpu / (seconds * 10.0), errors);
            if (errors > 0) {
                r.failures.add(errors + " errors");
            }
            clients.call("STOP", "STOPPED");
        }
        return r;
    }

    private static Report vanish(AppProcess app) throws Exception {
        Report r = new Report();
        Seed seed = seed(app, PARTICIPANTS);
        long heapBefore = heapAfterGc(app);
        double uisBefore = metric(app, "academy.ui.open");
        Clients clients = new Clients(app, seed.credentials);
        int[] opened = clients.counts(clients.call("OPEN sessions/" + seed.session + " " + seed.poll, "OPENED"));
        Thread.sleep(3000);
        long heapConnected = heapAfterGc(app);
        r.heap(heapBefore, heapConnected, opened[0]);
        r.add("connected=%d; server UIs open %.0f (before %.0f), push-connected %.0f, hub subscriptions %.0f", opened[0],
                metric(app, "academy.ui.open"), uisBefore, metric(app, "academy.ui.connected"), metric(app, "academy.hub.subscriptions"));
        // Every browser vanishes at once: the process ends, the OS drops its sockets, no close frame, no unload beacon.
        clients.process.destroyForcibly().waitFor();
        long dropped = System.nanoTime();
        long limit = Long.getLong("load.vanishMinutes", 20) * 60_000_000_000L;
        double released = -1;
        while (System.nanoTime() - dropped < limit) {
            Thread.sleep(5000);
            double uis = metric(app, "academy.ui.open");
            long heap = heapAfterGc(app);
            double s = (System.nanoTime() - dropped) / 1e9;
            r.add("vanish t=%.0f s uis=%.0f connected=%.0f subscriptions=%.0f heap=%d MB", s, uis,
                    metric(app, "academy.ui.connected"), metric(app, "academy.hub.subscriptions"), heap >> 20);
            if (uis <= uisBefore) {
                released = s;
                break;
            }
        }
        r.add("vanished UIs released after %s", released < 0 ? "more than the limit" : String.format("%.0f s", released));
        r.result("mode=vanish participants=%d released_s=%.0f", PARTICIPANTS, released);
        return r;
    }

    // ---------------------------------------------------------------- data and server readings

    record Seed(long session, long poll, long warmSession, long warmPoll, Path credentials) {
    }

    /**
     * Learners of the demo cohort with a strength-4 bcrypt hash (the cost is in the hash: thousands of
     * logins then take seconds, not minutes), and two live sessions, each with an open poll whose
     * results are shown: one for the warm-up round, one measured. Made in the database before any
     * view reads them.
     */
    private static Seed seed(AppProcess app, int n) throws Exception {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        try (Connection db = app.connect()) {
            db.setAutoCommit(false);
            long cohort = Long.parseLong(single(db, "select cohort_id from live_session order by id limit 1"));
            long instructor = Long.parseLong(single(db, "select id from app_user where email = 'instructor@academy.demo'"));
            try (PreparedStatement users = db.prepareStatement("""
                    insert into app_user (organisation_id, email, display_name, password_hash)
                    select organisation_id, 'load' || g || '@northwind.demo', 'Load ' || g, ?
                    from app_user, generate_series(1, ?) g where email = 'student1@northwind.demo'""")) {
                users.setString(1, hash);
                users.setInt(2, n);
                users.executeUpdate();
            }
            db.createStatement().executeUpdate("insert into user_role (user_id, role) select id, 'STUDENT' from app_user where email like 'load%@northwind.demo'");
            db.createStatement().executeUpdate("insert into enrolment (cohort_id, user_id) select " + cohort
                    + ", id from app_user where email like 'load%@northwind.demo'");
            long warm = session(db, cohort, instructor, "Warm-up");
            long measured = session(db, cohort, instructor, "Fan-out");
            long warmPoll = poll(db, warm, "Warm-up?");
            long poll = poll(db, measured, "Fan-out?");
            db.commit();
            Path credentials = Files.createTempFile("fanout-participants", ".txt");
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                lines.add("load" + i + "@northwind.demo " + PASSWORD);
            }
            Files.write(credentials, lines);
            return new Seed(measured, poll, warm, warmPoll, credentials);
        }
    }

    private static long session(Connection db, long cohort, long instructor, String title) throws Exception {
        return Long.parseLong(single(db, "insert into live_session (cohort_id, title, starts_at, ends_at, status, started_at, created_by)"
                + " values (" + cohort + ", '" + title + "', now(), now() + interval '3 hours', 'LIVE', now(), " + instructor
                + ") returning id"));
    }

    private static long poll(Connection db, long session, String question) throws Exception {
        long id = Long.parseLong(single(db, "insert into poll (session_id, question, status, results_visible) values ("
                + session + ", '" + question + "', 'OPEN', true) returning id"));
        db.createStatement().executeUpdate("insert into poll_option (poll_id, position, label) values (" + id + ", 0, 'A'), ("
                + id + ", 1, 'B'), (" + id + ", 2, 'C'), (" + id + ", 3, 'D')");
        return id;
    }

    private static String single(Connection db, String sql) throws Exception {
        try (ResultSet r = db.createStatement().executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static long cpuMillis(AppProcess app) {
        return ProcessHandle.of(app.pid()).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toMillis).orElse(-1L);
    }

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    /** Used heap of the server after three full GCs, read with jcmd (the JDK's own tool, no app hook). */
    static long heapAfterGc(AppProcess app) throws Exception {
        String jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd").toString();
        for (int i = 0; i < 3; i++) {
            run(jcmd, Long.toString(app.pid()), "GC.run");
        }
        Matcher m = USED.matcher(run(jcmd, Long.toString(app.pid()), "GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("no heap figure from jcmd");
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return text;
    }

    private static final HttpClient METRICS = HttpClient.newHttpClient();
    private static final Pattern VALUE = Pattern.compile("\"value\":([-0-9.Ee]+)");

    /** An Actuator metric, read from the loopback address (which the app's actuator security lets in). */
    static double metric(AppProcess app, String name) {
        try {
            String body = METRICS.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/actuator/metrics/" + name))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = VALUE.matcher(body);
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    // ---------------------------------------------------------------- the participants' JVM

    /** The participants' JVM, driven line by line (see {@link Participants}). */
    static final class Clients implements AutoCloseable {
        final Process process;
        private final BufferedReader out;
        private final PrintWriter in;

        Clients(AppProcess app, Path credentials) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(java, "-Xmx" + System.getProperty("load.clientHeap", "3g"), "-XX:+UseParallelGC",
                    "-cp", System.getProperty("java.class.path"), Participants.class.getName(),
                    "http://localhost:" + app.port() + "/", credentials.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream()));
            in = new PrintWriter(process.getOutputStream(), true);
        }

        /** Sends a command and returns its answer line; the participants' error lines are echoed. */
        String call(String command, String answer) throws IOException {
            in.println(command);
            int echoed = 0;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(answer)) {
                    return line;
                }
                if (echoed++ < 10) {
                    System.out.println("  participants: " + line);
                }
            }
            throw new IllegalStateException("participants' JVM ended before answering " + command);
        }

        int[] counts(String line) {
            String[] f = line.split(" ");
            int[] n = new int[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                n[i - 1] = Integer.parseInt(f[i]);
            }
            return n;
        }

        /** pushes, errors, lost server messages, client CPU ms. */
        long[] stats() throws IOException {
            String[] f = call("STATS", "STATS").split(" ");
            return new long[]{Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])};
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    // ---------------------------------------------------------------- report

    static final class Report {
        final List<String> lines = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        String result = "";

        void add(String format, Object... args) {
            String line = "FANOUT " + String.format(format, args);
            lines.add(line);
            System.out.println(line);
        }

        void heap(long before, long connected, int n) {
            add("server heap after full GC: before=%d MB connected=%d MB per participant=%d KB", before >> 20, connected >> 20,
                    n == 0 ? 0 : (connected - before) / 1024 / n);
        }

        void result(String format, Object... args) {
            result = "RESULT " + String.format(java.util.Locale.ROOT, format, args);
        }

        void print(Path file) throws IOException {
            // The machine is shared: the figures are read with its load average.
            add("load average (1, 5, 15 min) at the end: %s", Files.readString(Path.of("/proc/loadavg")).trim());
            List<String> all = new ArrayList<>(lines);
            all.add(result);
            System.out.println(result);
            Files.write(file, all);
        }
    }

    /** Percentiles as the reference's load.js takes them (sorted[floor(p × n)]), over all samples (∞ = never seen). */
    static final class Stats {
        static double pct(List<Double> values, int p) {
            if (values.isEmpty()) {
                return Double.NaN;
            }
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted[Math.min(sorted.length - 1, (int) Math.floor(p / 100.0 * sorted.length))];
        }

        static String line(List<Double> v) {
            return String.format(java.util.Locale.ROOT, "p50=%.1f p95=%.1f p99=%.1f max=%.1f", pct(v, 50), pct(v, 95), pct(v, 99),
                    pct(v, 100));
        }
    }
}
