package org.academy.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The participants' JVM of {@link FanoutHarness}: one process for all of them (one HttpClient, its
 * one selector thread for every WebSocket, virtual threads for requests), so the server's heap and
 * CPU are measured without them. Arguments: base URL, a file of "email password" lines. Commands
 * on stdin, one answer line each on stdout:
 * <pre>
 * OPEN route pollId        log in, open a UI with push, show the route   → OPENED ok failed
 * NAVIGATE route pollId    show another route in the same UIs           → NAVIGATED ok failed
 * VOTE spreadMs seed       each votes once at a uniformly random moment → VOTED ok failed
 * AWAIT tally timeoutMs    until every screen shows ≥ tally             → AWAITED screensThere
 * STATS                    → STATS pushes errors lostMessages cpuMs
 * DUMP file                per voter and per screen what was recorded    → DUMPED
 * STOP                     close every socket politely and exit
 * </pre>
 */
public final class Participants {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String[]> credentials = Files.readAllLines(Path.of(args[1])).stream()
                .filter(l -> !l.isBlank()).map(l -> l.split(" ", 2)).toList();
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(60)).executor(virtual).build();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
        AtomicInteger errors = new AtomicInteger();
        List<FlowParticipant> all = new ArrayList<>();
        for (int i = 0; i < credentials.size(); i++) {
            all.add(new FlowParticipant(i, http, base, timer, errors));
        }
        List<FlowParticipant> live = new ArrayList<>();
        PrintWriter out = new PrintWriter(System.out, true);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "OPEN" -> {
                    int[] failed = each(all, virtual, 32, p -> {
                        p.login(credentials.get(p.index)[0], credentials.get(p.index)[1]);
                        p.open(f[1], Long.parseLong(f[2]));
                    });
                    live.clear();
                    for (FlowParticipant p : all) {
                        if (failed[p.index] == 0) {
                            live.add(p);
                        }
                    }
                    out.println("OPENED " + live.size() + " " + (all.size() - live.size()));
                }
                case "NAVIGATE" -> {
                    int[] failed = each(live, virtual, 32, p -> p.navigate(f[1], Long.parseLong(f[2])));
                    int bad = java.util.Arrays.stream(failed).sum();
                    out.println("NAVIGATED " + (live.size() - bad) + " " + bad);
                }
                case "VOTE" -> {
                    long spread = Long.parseLong(f[1]);
                    Random random = new Random(Long.parseLong(f[2]));
                    CountDownLatch done = new CountDownLatch(live.size());
                    AtomicInteger refused = new AtomicInteger();
                    for (FlowParticipant p : live) {
                        long at = (long) (random.nextDouble() * spread);
                        timer.schedule(() -> virtual.submit(() -> {
                            if (!p.vote()) {
                                refused.incrementAndGet();
                                errors.incrementAndGet();
                            }
                            done.countDown();
                        }), at, TimeUnit.MILLISECONDS);
                    }
                    done.await(spread + 120_000, TimeUnit.MILLISECONDS);
                    out.println("VOTED " + (live.size() - refused.get()) + " " + refused.get());
                }
                case "AWAIT" -> {
                    int tally = Integer.parseInt(f[1]);
                    long deadline = System.currentTimeMillis() + Long.parseLong(f[2]);
                    long there;
                    do {
                        there = live.stream().filter(p -> p.tally() >= tally).count();
                        if (there < live.size()) {
                            Thread.sleep(20);
                        }
                    } while (there < live.size() && System.currentTimeMillis() < deadline);
                    out.println("AWAITED " + there);
                }
                case "STATS" -> {
                    long pushes = live.stream().mapToLong(p -> p.pushes).sum();
                    int lost = live.stream().mapToInt(FlowParticipant::lostMessages).sum();
                    out.println("STATS " + pushes + " " + errors.get() + " " + lost + " " + os.getProcessCpuTime() / 1_000_000);
                }
                case "DUMP" -> {
                    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(f[1])))) {
                        for (FlowParticipant p : live) {
                            w.println("V " + p.index + " " + credentials.get(p.index)[0] + " " + p.sentAt + " " + p.answeredAt
                                    + " " + p.voted);
                        }
                        for (FlowParticipant p : live) {
                            StringBuilder s = new StringBuilder("P ").append(p.index).append(' ').append(p.tally());
                            for (long t : p.firstSeen()) {
                                s.append(' ').append(t);
                            }
                            w.println(s);
                        }
                    }
                    out.println("DUMPED");
                }
                case "STOP" -> {
                    live.forEach(FlowParticipant::close);
                    Thread.sleep(500);
                    out.println("STOPPED");
                    System.exit(0);
                }
                default -> out.println("UNKNOWN " + line);
            }
        }
        System.exit(0);
    }

    interface Step {
        void run(FlowParticipant p) throws Exception;
    }

    /** Runs the step for every participant, at most {@code concurrency} at a time; 1 = that one failed. */
    private static int[] each(List<FlowParticipant> ps, ExecutorService virtual, int concurrency, Step step) throws Exception {
        int[] failed = new int[ps.stream().mapToInt(p -> p.index).max().orElse(0) + 1];
        Semaphore permits = new Semaphore(concurrency);
        List<Future<?>> futures = new ArrayList<>();
        for (FlowParticipant p : ps) {
            futures.add(virtual.submit(() -> {
                permits.acquireUninterruptibly();
                try {
                    step.run(p);
                } catch (Exception e) {
                    failed[p.index] = 1;
                    System.out.println("ERROR " + p.index + " " + e);
                } finally {
                    permits.release();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        return failed;
    }
}
