package org.academy.base.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * The measurement behind decision 0012: Redis pub/sub against PostgreSQL LISTEN/NOTIFY as the
 * cross-node transport, on this machine (publisher and listener in one JVM, loopback). Prints
 * publish → receive latency (paced, one message at a time), burst throughput, and what NOTIFY
 * costs a committing transaction (alone and with four writers at once). Not part of the suite:
 * {@code mvn test -Dtest=TransportBenchmark -Dtest.excludedGroups=none}, or run its main method.
 */
@Tag("benchmark")
class TransportBenchmark {

    static final int PACED = 2_000;
    static final int BURST = 20_000;
    static final int COMMITS = 2_000;
    static final String PG = System.getProperty("academy.test.database-url", "jdbc:postgresql://127.0.0.1:5432/test");

    public static void main(String[] args) throws Exception {
        new TransportBenchmark().compare();
    }

    @Test
    void compare() throws Exception {
        redis();
        postgres();
    }

    void redis() throws Exception {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
             StatefulRedisConnection<String, String> pub = client.connect()) {
            String channel = "academy-bench:" + ProcessHandle.current().pid();
            long[] latencies = new long[PACED];
            CountDownLatch[] paced = {new CountDownLatch(PACED)};
            CountDownLatch burst = new CountDownLatch(BURST);
            boolean[] inBurst = {false};
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String ch, String message) {
                    if (inBurst[0]) {
                        burst.countDown();
                        return;
                    }
                    int comma = message.indexOf(',');
                    int i = Integer.parseInt(message.substring(0, comma));
                    latencies[i] = System.nanoTime() - Long.parseLong(message.substring(comma + 1, message.indexOf(',', comma + 1)));
                    paced[0].countDown();
                }
            });
            sub.sync().subscribe(channel);
            String pad = "x".repeat(150); // about the size of a batch of one event
            for (int i = 0; i < PACED; i++) {
                pub.sync().publish(channel, i + "," + System.nanoTime() + "," + pad);
                Thread.sleep(0, 200_000);
            }
            paced[0].await(30, TimeUnit.SECONDS);
            print("Redis pub/sub", latencies);
            inBurst[0] = true;
            long start = System.nanoTime();
            for (int i = 0; i < BURST; i++) {
                pub.async().publish(channel, i + ",0," + pad);
            }
            burst.await(60, TimeUnit.SECONDS);
            System.out.printf("Redis pub/sub: burst of %,d messages received in %.0f ms = %,.0f messages/s%n", BURST,
                    (System.nanoTime() - start) / 1e6, BURST / ((System.nanoTime() - start) / 1e9));
        } finally {
            client.shutdown();
        }
    }

    void postgres() throws Exception {
        try (Connection listen = DriverManager.getConnection(PG, "postgres", "");
             Connection send = DriverManager.getConnection(PG, "postgres", "")) {
            String channel = "academy_bench_" + ProcessHandle.current().pid();
            try (Statement s = listen.createStatement()) {
                s.execute("listen " + channel);
            }
            PGConnection pg = listen.unwrap(PGConnection.class);
            long[] latencies = new long[PACED];
            String pad = "x".repeat(150);
            send.setAutoCommit(true);
            try (var ps = send.prepareStatement("select pg_notify(?, ?)")) {
                for (int i = 0; i < PACED; i++) {
                    long sent = System.nanoTime();
                    ps.setString(1, channel);
                    ps.setString(2, i + "," + pad);
                    ps.execute();
                    PGNotification[] got = pg.getNotifications(5000);
                    latencies[i] = System.nanoTime() - sent;
                    if (got == null || got.length == 0) {
                        throw new IllegalStateException("NOTIFY not received");
                    }
                }
            }
            print("PostgreSQL NOTIFY (commit included)", latencies);
            long start = System.nanoTime();
            int received = 0;
            try (var ps = send.prepareStatement("select pg_notify(?, ?)")) {
                for (int i = 0; i < BURST; i++) {
                    ps.setString(1, channel);
                    ps.setString(2, i + "," + pad);
                    ps.execute();
                }
            }
            while (received < BURST) {
                PGNotification[] got = pg.getNotifications(5000);
                if (got == null || got.length == 0) {
                    break;
                }
                received += got.length;
            }
            System.out.printf("PostgreSQL NOTIFY: burst of %,d (one per transaction) received %,d in %.0f ms = %,.0f messages/s%n",
                    BURST, received, (System.nanoTime() - start) / 1e6, received / ((System.nanoTime() - start) / 1e9));
            commitCost(channel);
        }
    }

    /** Insert-and-commit transactions, without and with a NOTIFY in each; 1 writer, then 4 at once. */
    void commitCost(String channel) throws Exception {
        String table = "bench_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create table " + table + " (id bigserial primary key, v text)");
        }
        try {
            for (int writers : new int[] {1, 4}) {
                for (boolean notify : new boolean[] {false, true}) {
                    ExecutorService pool = Executors.newFixedThreadPool(writers);
                    long start = System.nanoTime();
                    for (int w = 0; w < writers; w++) {
                        pool.submit(() -> {
                            try (Connection c = DriverManager.getConnection(PG, "postgres", "")) {
                                c.setAutoCommit(false);
                                try (var insert = c.prepareStatement("insert into " + table + " (v) values ('vote')");
                                     var n = c.prepareStatement("select pg_notify('" + channel + "', 'vote')")) {
                                    for (int i = 0; i < COMMITS / writers; i++) {
                                        insert.execute();
                                        if (notify) {
                                            n.execute();
                                        }
                                        c.commit();
                                    }
                                }
                            }
                            return null;
                        });
                    }
                    pool.shutdown();
                    pool.awaitTermination(5, TimeUnit.MINUTES);
                    double ms = (System.nanoTime() - start) / 1e6;
                    System.out.printf("PostgreSQL commits, %d writer(s), %s NOTIFY: %,d commits in %.0f ms = %.3f ms per commit, %,.0f commits/s%n",
                            writers, notify ? "with" : "without", COMMITS, ms, ms / COMMITS, COMMITS / (ms / 1000));
                }
            }
        } finally {
            try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop table " + table);
            }
        }
    }

    static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: %,d paced messages, publish → receive p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", what,
                sorted.length, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
