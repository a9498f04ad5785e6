package org.academy.api;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import java.util.Set;
import java.util.UUID;

import org.academy.apitoken.ApiTokenService;
import org.academy.cohort.CohortService;
import org.academy.identity.IdentityService;
import org.academy.identity.PersonSummary;
import org.academy.security.Role;
import org.academy.security.SystemActor;
import org.academy.progress.ProgressService;
import org.academy.testing.Actors;
import org.academy.testing.Eventually;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 500 streams open at once on one node, all watching one cohort's progress: memory per stream and
 * the latency from a completion to its arrival at every client, printed. Same configuration as
 * {@link StreamsTest}, so the two share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "academy.api.stream.heartbeat=500ms", "academy.api.stream.replay-limit=3",
        "academy.api.stream.max-buffered=50", "academy.api.stream.max-per-token=5",
        "academy.api.stream.prune-interval=1h", "academy.api.stream.recheck=1s"})
@Import({Fixtures.class, Sessions.class, StreamTestConfig.class})
class StreamScaleTest {

    static final int STREAMS = 500;
    static final int ROUNDS = 5;

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    ProgressService progress;
    @Autowired
    StreamRegistry registry;
    @Autowired
    IdentityService identity;
    @Autowired
    org.academy.base.push.TopicHub hub;
    @Autowired
    CohortService cohorts;

    @Test
    void five_hundred_concurrent_streams_get_every_event_quickly_and_cost_little_memory() throws Exception {
        long testStart = System.nanoTime();
        World w = fixtures.world(ROUNDS, ROUNDS);
        // A token holds at most 5 streams and a person 20 tokens: 100 tokens of 5 instructors of the cohort.
        List<String> instructorTokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            PersonSummary instructor = SystemActor.call(() -> {
                PersonSummary p = identity.createUser(null, "wall-" + n + "-" + UUID.randomUUID() + "@example.test",
                        "Wall " + n, null, Set.of(Role.INSTRUCTOR));
                cohorts.addInstructor(w.cohortA().id(), p.id());
                return p;
            });
            for (int t = 0; t < ApiTokenService.MAX_LIVE_TOKENS; t++) {
                instructorTokens.add(Actors.as(instructor, () -> tokens.create("wall")).secret());
            }
        }
        int subscriptionsBefore = hub.subscriptionCount();
        long baseline = StreamsTest.usedHeapAfterGc();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        List<SseClient> streams = Collections.synchronizedList(new ArrayList<>());
        long openStart = System.nanoTime();
        try (ExecutorService opener = Executors.newFixedThreadPool(16)) {
            List<Future<SseClient>> opening = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                String token = instructorTokens.get(i / 5);
                opening.add(opener.submit(() -> SseClient.open(client, port, "/api/streams/cohorts/" + w.cohortA().id() + "/progress",
                        token, null)));
            }
            for (Future<SseClient> f : opening) {
                streams.add(f.get());
            }
        }
        try {
            assertThat(streams).allSatisfy(s -> assertThat(s.status).isEqualTo(200));
            try {
                Eventually.await("500 streams open with their position", Duration.ofSeconds(30),
                        () -> registry.openCount() == STREAMS && streams.stream().allMatch(s -> s.lastEventId != null));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": open on the server " + registry.openCount() + ", with position "
                        + streams.stream().filter(s -> s.lastEventId != null).count() + ", ended "
                        + streams.stream().filter(s -> s.ended).count(), e);
            }
            double openSeconds = (System.nanoTime() - openStart) / 1e9;
            long withStreams = StreamsTest.usedHeapAfterGc();
            int threadsWith = ManagementFactory.getThreadMXBean().getThreadCount();

            List<Double> latenciesMs = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                int r = round;
                long t0 = System.nanoTime();
                Actors.as(w.studentsA().get(r), () -> progress.markComplete(w.cohortA().id(), w.courseA().lessons().get(r).id()));
                for (SseClient s : streams) {
                    SseClient.Event e = s.next(Duration.ofSeconds(20));
                    assertThat(e.type()).isEqualTo("lesson-completed");
                    latenciesMs.add((e.receivedNanos() - t0) / 1e6);
                }
            }
            Collections.sort(latenciesMs);
            double p50 = latenciesMs.get(latenciesMs.size() / 2);
            double p95 = latenciesMs.get((int) (latenciesMs.size() * 0.95));
            double max = latenciesMs.getLast();
            System.out.printf("SSE 500 STREAMS: opened in %.1f s; heap after GC %.1f MB -> %.1f MB: %.1f KB per stream "
                            + "(server and test client in one JVM: an upper bound); threads %d -> %d%n",
                    openSeconds, baseline / 1e6, withStreams / 1e6, (withStreams - baseline) / 1024.0 / STREAMS,
                    threadsBefore, threadsWith);
            System.out.printf("SSE 500 STREAMS: %d events x %d streams, latency from the learner's click to arrival: "
                    + "p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", ROUNDS, STREAMS, p50, p95, max);
            assertThat(p95).isLessThan(2000);
        } finally {
            streams.forEach(SseClient::close);
        }
        Eventually.await("all streams closed", Duration.ofSeconds(20), () -> registry.openCount() == 0);
        client.close();
        assertThat(hub.subscriptionCount()).isEqualTo(subscriptionsBefore);

        // Memory again with the leanest client possible (a socket and a 1 KB read buffer each), so
        // the figure is mostly the server's share.
        long rawBaseline = StreamsTest.usedHeapAfterGc();
        List<java.net.Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                java.net.Socket socket = new java.net.Socket("localhost", port);
                socket.getOutputStream().write(("GET /api/streams/cohorts/" + w.cohortA().id() + "/progress HTTP/1.1\r\n"
                        + "Host: localhost\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + instructorTokens.get(i / 5)
                        + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                sockets.add(socket);
                Thread.ofVirtual().start(() -> {
                    byte[] sink = new byte[1024];
                    try {
                        while (socket.getInputStream().read(sink) > 0) {
                            // Read and forget: heartbeats and events.
                        }
                    } catch (java.io.IOException closed) {
                        // Closed at the end of the test.
                    }
                });
            }
            Eventually.await("500 raw streams open", Duration.ofSeconds(30), () -> registry.openCount() == STREAMS);
            long rawWith = StreamsTest.usedHeapAfterGc();
            System.out.printf("SSE 500 STREAMS (socket clients): heap after GC %.1f MB -> %.1f MB: %.1f KB per stream, "
                    + "server and a bare socket client%n", rawBaseline / 1e6, rawWith / 1e6, (rawWith - rawBaseline) / 1024.0 / STREAMS);
        } finally {
            for (java.net.Socket socket : sockets) {
                socket.close();
            }
        }
        Eventually.await("all raw streams closed", Duration.ofSeconds(20), () -> registry.openCount() == 0);
        assertThat(hub.subscriptionCount()).isEqualTo(subscriptionsBefore);
        assertThat(registry.slotsHeld()).isZero();
        System.out.printf("SSE 500 STREAMS: test took %.1f s%n", (System.nanoTime() - testStart) / 1e9);
    }
}
