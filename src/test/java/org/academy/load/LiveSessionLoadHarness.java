package org.academy.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.academy.identity.PersonSummary;
import org.academy.livesession.SessionSummary;
import org.academy.poll.NewPoll;
import org.academy.poll.PollService;
import org.academy.poll.PollView;
import org.academy.testing.Actors;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Load harness for live polls (tag "load": never part of the suite; see docs/performance.md).
 * N participants hold real Vaadin UIs of the live session over WebSocket push, driven by
 * {@link LoadClients} in a separate process. A poll is opened with results shown, every
 * participant votes, and for each vote and each participant the harness measures the time from
 * the vote's commit to the participant's push stream first carrying a tally that includes it.
 * Prints p50/p95/p99, errors and server heap per participant (after full GC).
 */
@Tag("load")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.tomcat.threads.max=400", "academy.test.pool-size=20",
                // Dev mode only: Vaadin keeps two stack traces per component (create, attach) for the
                // dev tools, ≈ 1 MB per participant screen; production mode has none (see docs/performance.md).
                "vaadin.devmode.componentTracker.enabled=${load.componentTracker:false}"})
@Import({Fixtures.class, Sessions.class})
class LiveSessionLoadHarness {

    static final int PARTICIPANTS = Integer.getInteger("load.participants", 100);
    static final int VOTE_THREADS = Integer.getInteger("load.voteThreads", 8);
    /** Votes per second; 0 sends them all at once (a burst). */
    static final int RATE = Integer.getInteger("load.rate", 0);

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Sessions sessions;
    @Autowired
    PollService polls;
    @Autowired
    JdbcClient jdbc;

    @Test
    void participants_see_every_vote_pushed() throws Exception {
        World world = fixtures.world(1, 1);
        List<PersonSummary> participants = fixtures.addLearners(world, PARTICIPANTS);
        // Logins are part of the ramp-up, not of what is measured: a cheap hash keeps them quick.
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("load-password");
        jdbc.sql("update app_user set password_hash = ? where id in (:ids)".replace("?", "'" + hash + "'"))
                .param("ids", participants.stream().map(PersonSummary::id).toList()).update();
        SessionSummary session = sessions.liveSessionOfA(world);
        PollView warmUp = openPoll(world, session, "Warm-up?");

        Path credentials = Files.createTempFile("load-participants", ".txt");
        Files.write(credentials, participants.stream().map(p -> p.email() + " load-password").toList());

        long heapBefore = usedHeapAfterGc();
        histogram("before");
        Process clients = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), LoadClients.class.getName(),
                "http://localhost:" + port + "/", "sessions/" + session.id(), credentials.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream()));
        PrintWriter in = new PrintWriter(clients.getOutputStream(), true);

        Map<Integer, List<long[]>> seen = new ConcurrentHashMap<>();
        CountDownLatch ready = new CountDownLatch(1);
        int[] readyCounts = new int[2];
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    String[] f = line.split(" ");
                    switch (f[0]) {
                        case "SEEN" -> seen.computeIfAbsent(Integer.parseInt(f[1]), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                .add(new long[]{Long.parseLong(f[2]), Long.parseLong(f[3])});
                        case "READY" -> {
                            readyCounts[0] = Integer.parseInt(f[1]);
                            readyCounts[1] = Integer.parseInt(f[2]);
                            ready.countDown();
                        }
                        case "ERROR" -> errors.add(line);
                        default -> {
                        }
                    }
                }
            } catch (Exception ignored) {
                // Process ended.
            }
        });
        if (!ready.await(10, TimeUnit.MINUTES)) {
            clients.destroyForcibly();
            throw new AssertionError("Participants did not connect in time");
        }
        Thread.sleep(2000);
        long heapConnected = usedHeapAfterGc();
        histogram("connected");

        // A warm-up round first: the numbers should describe a server whose code is compiled, as in production.
        long[] ignored = new long[PARTICIPANTS + 1];
        vote(participants, warmUp, ignored, new java.util.concurrent.atomic.AtomicInteger(), new java.util.concurrent.atomic.AtomicInteger());
        awaitSeen(seen, readyCounts[0], PARTICIPANTS);
        Actors.as(world.instructorA(), () -> polls.close(warmUp.id()));
        seen.clear();
        in.println("RESET");
        Thread.sleep(1000);
        seen.clear();
        PollView poll = openPoll(world, session, "Load?");
        Thread.sleep(1000);

        // Every participant votes, from a few threads, as fast as the server takes it (or at load.rate per second).
        long[] committedAt = new long[PARTICIPANTS + 1];
        java.util.concurrent.atomic.AtomicInteger tally = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger voteErrors = new java.util.concurrent.atomic.AtomicInteger();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        jdk.jfr.Recording recording = null;
        if (Boolean.getBoolean("load.profile")) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        long start = System.currentTimeMillis();
        vote(participants, poll, committedAt, tally, voteErrors);
        long votingMillis = System.currentTimeMillis() - start;
        int connected = readyCounts[0];
        awaitSeen(seen, connected, PARTICIPANTS);
        long deliveredMillis = System.currentTimeMillis() - start;
        long serverCpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1_000_000;
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of("target", "load-votes.jfr"));
        }
        in.println("STOP");
        clients.waitFor(30, TimeUnit.SECONDS);
        reader.join(5000);

        // Latency of vote k at participant p: first time p saw a tally >= k, minus k's commit.
        List<Long> latencies = new ArrayList<>();
        int missing = 0;
        for (var entry : seen.entrySet()) {
            List<long[]> observations;
            synchronized (entry.getValue()) {
                observations = new ArrayList<>(entry.getValue());
            }
            observations.sort((a, b) -> Long.compare(a[1], b[1]));
            for (int k = 1; k <= tally.get(); k++) {
                long shown = -1;
                for (long[] o : observations) {
                    if (o[0] >= k) {
                        shown = o[1];
                        break;
                    }
                }
                if (shown < 0) {
                    missing++;
                } else {
                    latencies.add(Math.max(0, shown - committedAt[k]));
                }
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long perParticipant = connected == 0 ? 0 : (heapConnected - heapBefore) / connected;
        String report = String.format(
                "LOAD participants=%d rate=%s connected=%d connectErrors=%d voteErrors=%d votes=%d in %d ms%n"
                        + "LOAD vote commit -> participant push: p50=%d ms p95=%d ms p99=%d ms max=%d ms "
                        + "(samples=%d, never seen=%d)%n"
                        + "LOAD server heap after full GC: before=%d MB connected=%d MB per participant=%d KB%n"
                        + "LOAD server CPU from first vote to last participant updated: %d ms over %d ms wall (%d cores)%n",
                PARTICIPANTS, RATE <= 0 ? "burst" : RATE + "/s", connected, readyCounts[1], voteErrors.get(), tally.get(), votingMillis,
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.length == 0 ? -1 : sorted[sorted.length - 1],
                sorted.length, missing, heapBefore >> 20, heapConnected >> 20, perParticipant >> 10,
                serverCpuMillis, deliveredMillis, Runtime.getRuntime().availableProcessors());
        // Every push a participant received after a vote carried a higher tally: the SEEN lines count the screen updates.
        long updates = seen.values().stream().mapToLong(l -> {
            synchronized (l) {
                return l.size();
            }
        }).sum();
        report += String.format("LOAD screen updates=%d server CPU per update=%.3f ms%n", updates,
                updates == 0 ? 0.0 : serverCpuMillis / (double) updates);
        System.out.print(report);
        errors.stream().limit(5).forEach(System.out::println);
        Files.writeString(Path.of("target", "load-" + PARTICIPANTS + "-" + (RATE <= 0 ? "burst" : RATE) + ".txt"), report);
    }

    private PollView openPoll(World world, SessionSummary session, String question) {
        return Actors.as(world.instructorA(), () -> {
            PollView p = polls.create(session.id(), new NewPoll(question, List.of("A", "B", "C", "D"), false, Set.of()));
            polls.open(p.id());
            return polls.setResultsVisible(p.id(), true);
        });
    }

    private void vote(List<PersonSummary> participants, PollView poll, long[] committedAt,
                      java.util.concurrent.atomic.AtomicInteger tally,
                      java.util.concurrent.atomic.AtomicInteger voteErrors) throws Exception {
        ExecutorService voters = Executors.newFixedThreadPool(VOTE_THREADS);
        List<Future<?>> votes = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < participants.size(); i++) {
            PersonSummary voter = participants.get(i);
            long option = poll.options().get(i % 4).id();
            long notBefore = RATE <= 0 ? 0 : start + i * 1_000_000_000L / RATE;
            votes.add(voters.submit(() -> {
                long wait = notBefore - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                try {
                    Actors.as(voter, () -> polls.vote(poll.id(), Set.of(option)));
                    long at = System.currentTimeMillis();
                    synchronized (committedAt) {
                        committedAt[tally.incrementAndGet()] = at;
                    }
                } catch (RuntimeException e) {
                    voteErrors.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : votes) {
            f.get();
        }
        voters.shutdown();
    }

    private static void awaitSeen(Map<Integer, List<long[]>> seen, int connected, int tally) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && seen.values().stream()
                .filter(l -> {
                    synchronized (l) {
                        return l.stream().anyMatch(s -> s[0] >= tally);
                    }
                }).count() < connected) {
            Thread.sleep(100);
        }
    }

    /** With -Dload.histogram=true: the server's class histogram (after a full GC) in target/, to diff per participant. */
    private static void histogram(String when) throws Exception {
        if (!Boolean.getBoolean("load.histogram")) {
            return;
        }
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[]{new String[0]}, new String[]{String[].class.getName()});
        Files.writeString(Path.of("target", "histo-" + PARTICIPANTS + "-" + when + ".txt"), String.valueOf(text));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
