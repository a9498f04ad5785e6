package org.academy.base.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.academy.Application;
import org.academy.base.InvalidRequestException;
import org.academy.base.push.ResyncSignal;
import org.academy.base.push.Subscription;
import org.academy.base.push.TopicHub;
import org.academy.chat.ChatEvent;
import org.academy.chat.ChatMessage;
import org.academy.chat.ChatRoom;
import org.academy.chat.ChatService;
import org.academy.chat.ChatTopics;
import org.academy.cohort.CohortService;
import org.academy.course.CourseService;
import org.academy.identity.IdentityService;
import org.academy.identity.PersonSummary;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.PresentPerson;
import org.academy.livesession.SessionSummary;
import org.academy.poll.NewPoll;
import org.academy.poll.PollChanged;
import org.academy.poll.PollService;
import org.academy.poll.PollTopics;
import org.academy.poll.PollView;
import org.academy.presence.MemberPresence;
import org.academy.presence.PresenceChanged;
import org.academy.presence.PresenceHandle;
import org.academy.presence.PresenceService;
import org.academy.presence.PresenceTopics;
import org.academy.security.AccountSessions;
import org.academy.testing.Eventually;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.web.context.support.GenericWebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two whole application contexts ("nodes" a and b) in this JVM, on the same PostgreSQL schema and
 * the same Redis (keys and channel under a prefix of this run's own), with
 * {@code academy.cluster.transport=redis}: what happens on one node reaches the other's
 * subscribers and services.
 */
class TwoNodesTest {

    static final String PREFIX = "academy-test-" + ProcessHandle.current().pid() + ":";

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static World world;
    static SessionSummary session;

    static ConfigurableApplicationContext node(String id) {
        return new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET)
                // As @SpringBootTest does: a web application context on a mock servlet context, no server.
                .contextFactory(ApplicationContextFactory.of(() -> new GenericWebApplicationContext(new MockServletContext())))
                // Arguments, not default properties: they must win over application.properties.
                .run("--academy.cluster.transport=redis", "--academy.cluster.node-id=" + id,
                        "--academy.cluster.redis.prefix=" + PREFIX, "--academy.cluster.node-timeout=3s",
                        "--academy.chat.messages-per-minute=3", "--spring.main.banner-mode=off");
    }

    /**
     * Each context has its own security-context strategy (Vaadin's), and method security asks its
     * own; so a call on either node sees the caller when it is set in both, on this thread.
     */
    static <T> T as(PersonSummary person, java.util.function.Supplier<T> work) {
        var user = org.academy.testing.Actors.principal(person);
        List<org.springframework.security.core.context.SecurityContextHolderStrategy> strategies = java.util.stream.Stream.of(a, b)
                .map(c -> c.getBean(org.springframework.security.core.context.SecurityContextHolderStrategy.class)).toList();
        for (var strategy : strategies) {
            var context = strategy.createEmptyContext();
            context.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                    .authenticated(user, null, user.getAuthorities()));
            strategy.setContext(context);
        }
        try {
            return work.get();
        } finally {
            strategies.forEach(org.springframework.security.core.context.SecurityContextHolderStrategy::clearContext);
        }
    }

    static void as(PersonSummary person, Runnable work) {
        as(person, () -> {
            work.run();
            return null;
        });
    }

    @BeforeAll
    static void start() {
        a = node("a");
        b = node("b");
        // The fixtures log in through the static holder: point it at node a's strategy.
        org.springframework.security.core.context.SecurityContextHolder.setContextHolderStrategy(
                a.getBean(org.springframework.security.core.context.SecurityContextHolderStrategy.class));
        Fixtures fixtures = new Fixtures(a.getBean(IdentityService.class), a.getBean(CourseService.class),
                a.getBean(CohortService.class));
        world = fixtures.world(8, 4);
        LiveSessionService sessionsA = a.getBean(LiveSessionService.class);
        session = as(world.instructorA(), () -> {
            Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            SessionSummary s = sessionsA.schedule(world.cohortA().id(), "Across nodes", start, start.plus(Duration.ofHours(1)));
            return sessionsA.start(s.id());
        });
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            StringRedisTemplate redis = a.getBean(StringRedisTemplate.class);
            Set<String> keys = redis.keys(PREFIX + "*");
            if (keys != null && !keys.isEmpty()) {
                redis.delete(keys);
            }
            a.close();
        }
    }

    @Test
    void a_vote_cast_on_node_a_reaches_node_b_whose_views_then_read_the_new_tally_not_a_stale_snapshot() throws Exception {
        PollService pollsA = a.getBean(PollService.class);
        PollService pollsB = b.getBean(PollService.class);
        PersonSummary instructor = world.instructorA();
        PersonSummary student = world.studentA();
        PollView poll = as(instructor, () -> {
            PollView p = pollsA.create(session.id(), new NewPoll("Cross-node?", List.of("Yes", "No"), false, Set.of()));
            return pollsA.open(p.id());
        });
        // Node b computes and caches its snapshot before the vote: the event must drop it.
        assertThat(votesOn(as(instructor, () -> pollsB.polls(session.id())), poll.id())).isZero();

        CompletableFuture<Integer> seenOnB = new CompletableFuture<>();
        AtomicReference<Long> arrived = new AtomicReference<>();
        Subscription sub = b.getBean(TopicHub.class).subscribe(PollTopics.session(session.id()), events -> {
            // The poll's opening may reach b only now, and an idle subscriber gets it at once: wait for the vote.
            if (events.stream().noneMatch(org.academy.poll.PollChanged::vote)) {
                return;
            }
            arrived.compareAndSet(null, System.nanoTime());
            // What a view on b does on the push: reload through the service.
            seenOnB.complete(votesOn(as(instructor, () -> pollsB.polls(session.id())), poll.id()));
        });
        try {
            long before = System.nanoTime();
            as(student, () -> pollsA.vote(poll.id(), Set.of(poll.options().getFirst().id())));
            assertThat(seenOnB.get(5, TimeUnit.SECONDS)).isEqualTo(1);
            System.out.printf("TwoNodesTest: vote committed on a → event delivered on b in %.1f ms%n",
                    (arrived.get() - before) / 1e6);
        } finally {
            sub.close();
        }
    }

    @Test
    void a_chat_message_posted_on_node_a_is_pushed_and_readable_on_node_b() throws Exception {
        ChatService chatA = a.getBean(ChatService.class);
        ChatService chatB = b.getBean(ChatService.class);
        PersonSummary learner = world.studentsA().get(1);
        ChatRoom room = as(learner, () -> chatA.cohortRoom(world.cohortA().id()));
        CompletableFuture<ChatEvent> onB = new CompletableFuture<>();
        try (Subscription sub = b.getBean(TopicHub.class).subscribe(ChatTopics.room(room.id()), e -> onB.complete(e.getFirst()))) {
            ChatMessage sent = as(learner, () -> chatA.post(room.id(), "Hello from node a"));
            ChatEvent event = onB.get(5, TimeUnit.SECONDS);
            assertThat(event.messageId()).isEqualTo(sent.id());
            assertThat(as(world.instructorA(), () -> chatB.latest(room.id(), 10)).messages())
                    .extracting(ChatMessage::text).contains("Hello from node a");
        }
    }

    @Test
    void chat_rate_limits_hold_across_nodes_so_two_nodes_do_not_double_a_persons_allowance() {
        ChatService chatA = a.getBean(ChatService.class);
        ChatService chatB = b.getBean(ChatService.class);
        PersonSummary learner = world.studentsA().get(2);
        ChatRoom room = as(learner, () -> chatA.cohortRoom(world.cohortA().id()));
        as(learner, () -> chatA.post(room.id(), "one"));
        as(learner, () -> chatB.post(room.id(), "two"));
        as(learner, () -> chatA.post(room.id(), "three"));

        assertThatThrownBy(() -> as(learner, () -> chatB.post(room.id(), "four")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("very fast");
    }

    @Test
    void password_guesses_spread_over_two_nodes_count_against_one_allowance() {
        var throttleA = a.getBean(org.academy.security.LoginThrottle.class);
        var throttleB = b.getBean(org.academy.security.LoginThrottle.class);
        String account = "guessed-" + ProcessHandle.current().pid() + "@example.test";
        // The account's first limit is 5 failures per 5 minutes: 3 guesses on a, 2 on b.
        for (int i = 0; i < 3; i++) {
            throttleA.acquire(account, null);
        }
        for (int i = 0; i < 2; i++) {
            throttleB.acquire(account, null);
        }
        assertThatThrownBy(() -> throttleA.acquire(account, null))
                .isInstanceOf(org.academy.security.LoginThrottledException.class);
        assertThatThrownBy(() -> throttleB.acquire(account, null))
                .isInstanceOf(org.academy.security.LoginThrottledException.class);
    }

    @Test
    void a_known_browsers_guesses_spread_over_two_nodes_count_against_its_one_allowance() {
        var throttleA = a.getBean(org.academy.security.LoginThrottle.class);
        var throttleB = b.getBean(org.academy.security.LoginThrottle.class);
        String account = "known-" + ProcessHandle.current().pid() + "@example.test";
        String device = "nonce-" + ProcessHandle.current().pid();
        // A known browser may fail 10 times an hour: 6 guesses on a, 4 on b.
        for (int i = 0; i < 6; i++) {
            throttleA.acquire(account, null, device);
        }
        for (int i = 0; i < 4; i++) {
            throttleB.acquire(account, null, device);
        }
        assertThatThrownBy(() -> throttleA.acquire(account, null, device))
                .isInstanceOf(org.academy.security.LoginThrottledException.class);
        assertThatThrownBy(() -> throttleB.acquire(account, null, device))
                .isInstanceOf(org.academy.security.LoginThrottledException.class);
        // The account's allowance, which strangers spend, was not touched.
        throttleB.acquire(account, null);
    }

    @Test
    void a_person_online_through_node_a_shows_online_on_node_b_and_goes_offline_there_when_they_leave() throws Exception {
        PresenceService presenceA = a.getBean(PresenceService.class);
        PresenceService presenceB = b.getBean(PresenceService.class);
        PersonSummary learner = world.studentsA().get(3);
        long cohort = world.cohortA().id();
        // b caches the member list first: the presence events must move its version.
        assertThat(onlineOn(presenceB, cohort)).doesNotContain(learner.id());

        CountDownLatch online = new CountDownLatch(1);
        CountDownLatch offline = new CountDownLatch(1);
        try (Subscription sub = b.getBean(TopicHub.class).subscribe(PresenceTopics.cohort(cohort), events -> {
            for (PresenceChanged e : events) {
                if (e.userId() == learner.id()) {
                    (e.online() ? online : offline).countDown();
                }
            }
        })) {
            PresenceHandle handle = as(learner, () -> presenceA.join(cohort));
            assertThat(online.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(onlineOn(presenceB, cohort)).contains(learner.id());

            handle.close();
            assertThat(offline.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(onlineOn(presenceB, cohort)).doesNotContain(learner.id());
        }
    }

    @Test
    void the_people_of_a_node_that_stops_beating_go_offline_on_the_others_after_the_node_timeout() {
        PresenceService presenceB = b.getBean(PresenceService.class);
        PersonSummary learner = world.studentB();
        long cohort = world.cohortB().id();
        RedisPresence ghost = new RedisPresence(b.getBean(StringRedisTemplate.class), PREFIX, "ghost", Duration.ofSeconds(3));
        ghost.arrived("cohort:" + cohort, learner.id());
        assertThat(onlineOn(presenceB, cohort, world.instructorB())).contains(learner.id());

        long died = System.nanoTime();
        ghost.halt();

        Eventually.await("the dead node's person offline on b", Duration.ofSeconds(20), () ->
                !onlineOn(presenceB, cohort, world.instructorB()).contains(learner.id()));
        System.out.printf("TwoNodesTest: a node's people left every room %.1f s after it stopped beating (timeout 3 s)%n",
                (System.nanoTime() - died) / 1e9);
    }

    @Test
    void a_node_taken_for_dead_during_a_long_pause_brings_its_people_back_on_every_node_when_it_beats_again() throws Exception {
        LiveSessionService sessionsA = a.getBean(LiveSessionService.class);
        PresenceService presenceA = a.getBean(PresenceService.class);
        RedisPresence presenceOfB = (RedisPresence) b.getBean(org.academy.base.SharedPresence.class);
        PersonSummary learner = world.studentsA().get(6);
        long cohort = world.cohortA().id();
        AutoCloseable inSession = as(learner, () -> b.getBean(LiveSessionService.class).join(session.id()));
        PresenceHandle online = as(learner, () -> b.getBean(PresenceService.class).join(cohort));
        try {
            Eventually.await("present and online on a", Duration.ofSeconds(5), () ->
                    presentOn(sessionsA).contains(learner.id()) && onlineOn(presenceA, cohort).contains(learner.id()));

            // Node b stops beating for longer than the node timeout (3 s), as in a long pause, and a removes it.
            presenceOfB.pauseBeats(true);
            Eventually.await("b's person gone on a", Duration.ofSeconds(20), () ->
                    !presentOn(sessionsA).contains(learner.id()) && !onlineOn(presenceA, cohort).contains(learner.id()));
            online.ping();

            long resumed = System.nanoTime();
            presenceOfB.pauseBeats(false);
            Eventually.await("b's person back on a, who was there all along", Duration.ofSeconds(10), () ->
                    presentOn(sessionsA).contains(learner.id()) && onlineOn(presenceA, cohort).contains(learner.id()));
            System.out.printf("TwoNodesTest: a node taken for dead had its people back on the others %d ms after it beat again%n",
                    (System.nanoTime() - resumed) / 1_000_000);
        } finally {
            presenceOfB.pauseBeats(false);
            inSession.close();
            online.close();
        }
    }

    @Test
    void a_participant_who_joined_the_session_on_node_a_is_listed_as_present_on_node_b() throws Exception {
        LiveSessionService sessionsA = a.getBean(LiveSessionService.class);
        LiveSessionService sessionsB = b.getBean(LiveSessionService.class);
        PersonSummary learner = world.studentsA().get(4);
        AutoCloseable joined = as(learner, () -> sessionsA.join(session.id()));
        try {
            Eventually.await("the participant present on b", Duration.ofSeconds(5), () ->
                    presentOn(sessionsB).contains(learner.id()));
        } finally {
            joined.close();
        }
        Eventually.await("the participant gone on b", Duration.ofSeconds(5), () ->
                !presentOn(sessionsB).contains(learner.id()));
    }

    @Test
    void ending_a_persons_sessions_on_node_a_expires_their_session_held_by_node_b() {
        PersonSummary learner = world.studentsA().get(5);
        SessionRegistry registryB = b.getBean(SessionRegistry.class);
        registryB.registerNewSession("session-on-b-" + Instant.now().toEpochMilli(),
                org.academy.testing.Actors.principal(learner));

        a.getBean(AccountSessions.class).expire(learner.id());

        Eventually.await("b's session of the person expired", Duration.ofSeconds(5), () -> {
            var held = registryB.getAllSessions(org.academy.testing.Actors.principal(learner), true);
            return !held.isEmpty() && held.stream().allMatch(s -> s.isExpired());
        });
    }

    @Test
    void a_node_whose_subscription_was_cut_resubscribes_by_itself_and_tells_its_views_to_resync() throws Exception {
        ClusterTopicHub hubB = b.getBean(ClusterTopicHub.class);
        CountDownLatch resynced = new CountDownLatch(1);
        try (Subscription sub = ((ResyncSignal) hubB).onResync(resynced::countDown)) {
            // Kill only node b's pub/sub connection, found by the name it gave itself.
            try (var admin = b.getBean(io.lettuce.core.RedisClient.class).connect()) {
                long id = admin.sync().clientList().lines()
                        .filter(line -> line.contains(" name=" + PREFIX + "hub:b "))
                        .map(line -> Long.parseLong(line.substring(3, line.indexOf(' '))))
                        .findFirst().orElseThrow();
                admin.sync().clientKill(io.lettuce.core.KillArgs.Builder.id(id));
            }
            assertThat(resynced.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(hubB.resyncs()).isPositive();

        // And events flow again afterwards.
        CompletableFuture<PollChanged> onB = new CompletableFuture<>();
        try (Subscription sub = b.getBean(TopicHub.class).subscribe(PollTopics.session(99_999), e -> onB.complete(e.getFirst()))) {
            a.getBean(TopicHub.class).publish(PollTopics.session(99_999), new PollChanged(99_999, 1, true));
            assertThat(onB.get(5, TimeUnit.SECONDS).sessionId()).isEqualTo(99_999);
        }
    }

    static int votesOn(List<PollView> polls, long pollId) {
        PollView p = polls.stream().filter(v -> v.id() == pollId).findFirst().orElseThrow();
        return p.voters() == null ? 0 : p.voters();
    }

    static Set<Long> presentOn(LiveSessionService sessions) {
        return as(world.instructorA(), () -> sessions.present(session.id())).stream().map(PresentPerson::userId)
                .collect(java.util.stream.Collectors.toSet());
    }

    static Set<Long> onlineOn(PresenceService presence, long cohort) {
        return onlineOn(presence, cohort, world.instructorA());
    }

    static Set<Long> onlineOn(PresenceService presence, long cohort, PersonSummary viewer) {
        return java.util.stream.Stream.of(as(viewer, () -> presence.members(cohort)))
                .flatMap(List::stream).filter(MemberPresence::online).map(MemberPresence::userId)
                .collect(java.util.stream.Collectors.toSet());
    }
}
