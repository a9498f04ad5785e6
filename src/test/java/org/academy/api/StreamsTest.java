package org.academy.api;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.academy.apitoken.ApiTokenService;
import org.academy.apitoken.CreatedToken;
import org.academy.base.push.TopicHub;
import org.academy.livesession.SessionSummary;
import org.academy.notification.NotificationRequested;
import org.academy.poll.NewPoll;
import org.academy.poll.PollService;
import org.academy.poll.PollView;
import org.academy.progress.ProgressService;
import org.academy.qa.QaService;
import org.academy.qa.QuestionView;
import org.academy.identity.PersonSummary;
import org.academy.testing.Actors;
import org.academy.testing.Eventually;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-sent event streams over real HTTP: live updates, resuming with Last-Event-ID with exactly
 * the missed events, a reset beyond the kept bound, heartbeats, the per-token limit, revoked
 * tokens, per-viewer rules on a live session, and a client that never reads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "academy.api.stream.heartbeat=500ms", "academy.api.stream.replay-limit=3",
        "academy.api.stream.max-buffered=50", "academy.api.stream.max-per-token=5",
        "academy.api.stream.prune-interval=1h", "academy.api.stream.recheck=1s"})
@Import({Fixtures.class, Sessions.class, StreamTestConfig.class})
class StreamsTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Sessions sessions;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    ProgressService progress;
    @Autowired
    PollService polls;
    @Autowired
    QaService qa;
    @Autowired
    StreamJournal journal;
    @Autowired
    StreamRegistry registry;
    @Autowired
    TopicHub hub;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JsonMapper json;

    final HttpClient client = HttpClient.newHttpClient();
    final List<SseClient> open = new ArrayList<>();
    World w;

    @BeforeEach
    void setUp() {
        w = fixtures.world(3, 6);
    }

    @AfterEach
    void tearDown() {
        open.forEach(SseClient::close);
        Eventually.await("every stream closed", WAIT, () -> registry.openCount() == 0);
    }

    SseClient stream(String path, String token, String lastEventId) {
        SseClient c = SseClient.open(client, port, path, token, lastEventId);
        open.add(c);
        return c;
    }

    String progressPath() {
        return "/api/streams/cohorts/" + w.cohortA().id() + "/progress";
    }

    void complete(PersonSummary learner, int lesson) {
        Actors.as(learner, () -> progress.markComplete(w.cohortA().id(), w.courseA().lessons().get(lesson).id()));
    }

    @Test
    void a_client_that_reconnects_with_last_event_id_receives_exactly_the_events_it_missed() {
        String token = Actors.as(w.instructorA(), () -> tokens.create("dashboard")).secret();
        SseClient first = stream(progressPath(), token, null);
        assertThat(first.status).isEqualTo(200);
        Eventually.await("the stream's position", WAIT, () -> first.lastEventId != null);
        long start = Long.parseLong(first.lastEventId);

        complete(w.studentsA().get(0), 0);
        SseClient.Event live = first.next(WAIT);
        assertThat(live.type()).isEqualTo("lesson-completed");
        assertThat(Long.parseLong(live.id())).isEqualTo(start + 1);
        assertThat(json.readTree(live.data()).path("userId").asLong()).isEqualTo(w.studentsA().get(0).id());

        first.close();
        complete(w.studentsA().get(0), 1);
        complete(w.studentsA().get(1), 0);
        complete(w.studentsA().get(1), 1);
        complete(w.studentsA().get(2), 0);
        complete(w.studentsA().get(0), 1); // Completing again changes nothing and is not an event.
        int missed = 4;

        SseClient second = stream(progressPath(), token, live.id());
        List<SseClient.Event> replayed = second.take(missed, WAIT);
        List<SseClient.Event> extra = second.drain(Duration.ofMillis(1500));
        complete(w.studentsA().get(2), 1);
        SseClient.Event afterwards = second.next(WAIT);

        List<Long> ids = replayed.stream().map(e -> Long.parseLong(e.id())).toList();
        assertThat(ids).containsExactly(start + 2, start + 3, start + 4, start + 5);
        assertThat(extra).isEmpty();
        assertThat(replayed).extracting(e -> json.readTree(e.data()).path("userId").asLong() + "/" + json.readTree(e.data()).path("lessonId").asLong())
                .containsExactly(w.studentsA().get(0).id() + "/" + w.courseA().lessons().get(1).id(),
                        w.studentsA().get(1).id() + "/" + w.courseA().lessons().get(0).id(),
                        w.studentsA().get(1).id() + "/" + w.courseA().lessons().get(1).id(),
                        w.studentsA().get(2).id() + "/" + w.courseA().lessons().get(0).id());
        assertThat(Long.parseLong(afterwards.id())).isEqualTo(start + 6);
        System.out.printf("SSE REPLAY: live before disconnect 1, happened while away %d, replayed %d, duplicates %d, gaps %d, next live id %s%n",
                missed, replayed.size(), extra.size(), missed - replayed.size(), afterwards.id());
    }

    @Test
    void beyond_the_kept_events_a_reconnecting_client_gets_a_reset_and_then_live_events() {
        String token = Actors.as(w.instructorA(), () -> tokens.create("dashboard")).secret();
        SseClient first = stream(progressPath(), token, null);
        complete(w.studentsA().get(0), 0);
        SseClient.Event seen = first.next(WAIT);
        first.close();
        for (int lesson = 1; lesson <= 5; lesson++) {
            complete(w.studentsA().get(0), lesson);
        }
        journal.prune(); // keeps the last 3 of this stream (academy.api.stream.replay-limit)
        long head = journal.head(StreamKeys.cohortProgress(w.cohortA().id()));

        SseClient second = stream(progressPath(), token, seen.id());
        SseClient.Event reset = second.next(WAIT);
        complete(w.studentsA().get(1), 0);
        SseClient.Event next = second.next(WAIT);

        assertThat(reset.type()).isEqualTo("reset");
        assertThat(Long.parseLong(reset.id())).isEqualTo(head);
        assertThat(next.type()).isEqualTo("lesson-completed");
        assertThat(Long.parseLong(next.id())).isEqualTo(head + 1);
        // A garbled id or one from the future is a reset too, never a guess.
        assertThat(stream(progressPath(), token, "abc").next(WAIT).type()).isEqualTo("reset");
        assertThat(stream(progressPath(), token, String.valueOf(head + 100)).next(WAIT).type()).isEqualTo("reset");
        System.out.printf("SSE RESET: missed 5 with 3 kept -> reset at id %d, then live id %s%n", head, next.id());
    }

    @Test
    void idle_streams_get_heartbeat_comments() {
        String token = Actors.as(w.studentA(), () -> tokens.create("phone")).secret();
        SseClient c = stream("/api/streams/me/notifications", token, null);

        Eventually.await("three heartbeats", WAIT, () -> c.comments.get() >= 3);
        assertThat(c.events).isEmpty();
    }

    @Test
    void a_token_holds_at_most_five_streams_at_once() {
        String token = Actors.as(w.studentA(), () -> tokens.create("phone")).secret();
        List<SseClient> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(stream("/api/streams/me/notifications", token, null));
        }
        assertThat(five).allSatisfy(c -> assertThat(c.status).isEqualTo(200));

        SseClient sixth = stream("/api/streams/me/notifications", token, null);
        assertThat(sixth.status).isEqualTo(429);
        String otherToken = Actors.as(w.studentA(), () -> tokens.create("laptop")).secret();
        assertThat(stream("/api/streams/me/notifications", otherToken, null).status).isEqualTo(200);

        five.getFirst().close();
        Eventually.await("a slot freed", WAIT, () -> stream("/api/streams/me/notifications", token, null).status == 200);
    }

    @Test
    void a_revoked_token_loses_its_open_stream() {
        CreatedToken created = Actors.as(w.studentA(), () -> tokens.create("phone"));
        SseClient c = stream("/api/streams/me/notifications", created.secret(), null);
        Eventually.await("open", WAIT, () -> registry.openCount() == 1);

        Actors.as(w.studentA(), () -> tokens.revoke(created.token().id()));

        Eventually.await("the stream closed by the server", WAIT, () -> c.ended);
        assertThat(registry.openCount()).isZero();
    }

    @Test
    void a_session_stream_shows_each_viewer_what_their_screens_show() {
        SessionSummary live = sessions.liveSessionOfA(w);
        String staffToken = Actors.as(w.instructorA(), () -> tokens.create("console")).secret();
        String learnerToken = Actors.as(w.studentsA().get(1), () -> tokens.create("phone")).secret();
        SseClient staff = stream("/api/streams/sessions/" + live.id(), staffToken, null);
        SseClient learner = stream("/api/streams/sessions/" + live.id(), learnerToken, null);
        Eventually.await("positions", WAIT, () -> staff.lastEventId != null && learner.lastEventId != null);

        PollView poll = Actors.as(w.instructorA(), () -> polls.create(live.id(),
                new NewPoll("Which?", List.of("A", "B"), false, Set.of(0))));
        Actors.as(w.instructorA(), () -> polls.open(poll.id()));
        Actors.as(w.studentA(), () -> polls.vote(poll.id(), Set.of(poll.options().getFirst().id())));
        QuestionView asked = Actors.as(w.studentA(), () -> qa.ask(live.id(), "Is it anonymous?", true));
        Actors.as(w.instructorA(), () -> qa.hide(asked.id()));

        List<SseClient.Event> staffSees = staff.take(5, WAIT);
        List<SseClient.Event> learnerSees = learner.take(4, WAIT);
        assertThat(learner.drain(Duration.ofMillis(1000))).isEmpty();

        assertThat(staffSees).extracting(SseClient.Event::type).containsExactly("poll", "poll", "poll", "question", "question");
        JsonNode staffVote = json.readTree(staffSees.get(2).data());
        assertThat(staffVote.path("voters").asInt()).isEqualTo(1);
        assertThat(staffVote.path("options").get(0).path("votes").asInt()).isEqualTo(1);
        assertThat(json.readTree(staffSees.get(3).data()).path("authorName").asString()).isEqualTo(w.studentA().displayName());
        // The learner: no draft, no tallies or correct answers before they are revealed, no author of an
        // anonymous question, and the hidden question removed.
        assertThat(learnerSees).extracting(SseClient.Event::type).containsExactly("poll", "poll", "question", "question-removed");
        JsonNode learnerVote = json.readTree(learnerSees.get(1).data());
        assertThat(learnerVote.has("voters")).isFalse();
        assertThat(learnerVote.path("options").get(0).has("votes")).isFalse();
        assertThat(learnerVote.path("options").get(0).has("correct")).isFalse();
        JsonNode question = json.readTree(learnerSees.get(2).data());
        assertThat(question.path("authorName").isNull()).isTrue();
        assertThat(question.has("authorId")).isFalse();
        assertThat(learnerSees.get(2).data()).doesNotContain(w.studentA().displayName());
        // Ids move on for everyone alike, so both resume from the same numbers.
        assertThat(learner.lastEventId).isEqualTo(staff.lastEventId);
    }

    @Test
    void a_client_that_never_reads_is_cut_off_and_memory_returns_to_baseline() throws Exception {
        String token = Actors.as(w.studentA(), () -> tokens.create("stuck")).secret();
        int subscriptionsBefore = hub.subscriptionCount();
        long baseline = usedHeapAfterGc();

        int published = 0;
        long peak;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("localhost", port));
            OutputStream request = socket.getOutputStream();
            request.write(("GET /api/streams/me/notifications HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            Eventually.await("open", WAIT, () -> registry.openCount() == 1);
            String text = "x".repeat(480);
            while (registry.openCount() == 1 && published < 5000) {
                publishNotification(w.studentA().id(), text + published);
                published++;
            }
            peak = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            Eventually.await("the stuck stream cut off", WAIT, () -> registry.openCount() == 0);
            assertThat(hub.subscriptionCount()).isEqualTo(subscriptionsBefore);
            assertThat(registry.slotsHeld()).isZero();

            // The client, reading at last, finds the stream ended after far fewer events than were published.
            socket.setSoTimeout(20_000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            long received = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                received += n;
            }
            assertThat(received).isLessThan((long) published * 480);
            System.out.printf("SSE SLOW CONSUMER: cut off after %d notifications published; %d bytes had reached the client; "
                    + "then the server closed the connection%n", published, received);
        }
        long after = usedHeapAfterGc();
        System.out.printf("SSE SLOW CONSUMER MEMORY: heap after GC baseline %.1f MB, while stuck (before GC) %.1f MB, after cut-off %.1f MB (%+.1f MB)%n",
                baseline / 1e6, peak / 1e6, after / 1e6, (after - baseline) / 1e6);
        assertThat(published).isLessThan(5000);
        assertThat(after - baseline).isLessThan(8_000_000L);
    }

    void publishNotification(long userId, String text) {
        tx.executeWithoutResult(s -> events.publishEvent(new NotificationRequested(userId, "test", text, null)));
    }

    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
