package org.academy.base.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.academy.testing.AppProcess;
import org.academy.testing.FormLogin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes from the packaged jar (cluster mode, one Redis, one schema) behind nginx with
 * deploy/nginx.conf (its ports rewritten to this run's): a browser (cookie jar and login form over
 * real HTTP) logs in through nginx, sticks to one node by the ACADEMY_NODE cookie, and when that
 * node is killed with SIGKILL it works on the other node within 10 s without typing its password.
 * The access log holds no query string.
 */
class TwoNodeFailoverIT {

    @Test
    void a_browser_whose_node_is_killed_works_on_the_other_node_within_ten_seconds_without_a_password() throws Exception {
        String prefix = "academy-it-" + ProcessHandle.current().pid() + ":";
        Map<String, String> cluster = Map.of("academy.cluster.transport", "redis", "academy.cluster.redis.prefix", prefix,
                "academy.cluster.node-timeout", "5s");
        try (AppProcess a = AppProcess.create("node-a", with(cluster, "academy.cluster.node-id", "a", "spring.profiles.active", "demo")).start();
             AppProcess b = AppProcess.sibling(a, "node-b", with(cluster, "academy.cluster.node-id", "b")).start();
             Nginx nginx = Nginx.start(a.port(), b.port())) {
            URI site = nginx.uri();
            FormLogin browser = new FormLogin();
            assertThat(browser.logIn(site, "instructor@academy.demo", "academy")).isTrue();
            assertThat(browser.opens(site, "/cohorts")).isTrue();
            String first = browser.cookie("ACADEMY_NODE").orElseThrow();
            assertThat(first).isIn("a", "b");
            // Sticky: ten more requests, no new affinity cookie.
            for (int i = 0; i < 10; i++) {
                assertThat(browser.opens(site, "/cohorts")).isTrue();
            }
            assertThat(browser.cookie("ACADEMY_NODE")).contains(first);
            // Tokens in query strings must not reach the log.
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(site.resolve("/invitation/x?token=secret-token-123")).build(),
                    HttpResponse.BodyHandlers.discarding());

            AppProcess doomed = first.equals("a") ? a : b;
            long killed = System.nanoTime();
            doomed.kill9();
            long back = -1;
            while (System.nanoTime() - killed < Duration.ofSeconds(10).toNanos()) {
                try {
                    if (browser.opens(site, "/cohorts")) {
                        back = (System.nanoTime() - killed) / 1_000_000;
                        break;
                    }
                } catch (IOException stillFailingOver) {
                    // nginx answered nothing usable yet
                }
                Thread.sleep(200);
            }
            System.out.printf("FAILOVER: node %s killed (SIGKILL); the browser works on node %s after %d ms, no password typed%n",
                    first, browser.cookie("ACADEMY_NODE").orElse("?"), back);
            assertThat(back).isBetween(0L, 10_000L);
            assertThat(browser.cookie("ACADEMY_NODE")).isPresent().get().isNotEqualTo(first);

            String log = Files.readString(nginx.accessLog());
            assertThat(log).contains("/invitation/x").doesNotContain("secret-token-123").doesNotContain("?");
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        var all = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return Map.copyOf(all);
    }

    /** nginx in the foreground with deploy/nginx.conf, its ports and paths rewritten for this run. */
    record Nginx(Process process, int port, Path dir) implements AutoCloseable {

        static Nginx start(int portA, int portB) throws Exception {
            Path dir = Files.createTempDirectory("academy-nginx");
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            String conf = Files.readString(Path.of("deploy/nginx.conf"))
                    .replace("127.0.0.1:8081", "127.0.0.1:" + portA)
                    .replace("127.0.0.1:8082", "127.0.0.1:" + portB)
                    .replace("listen 127.0.0.1:8080", "listen 127.0.0.1:" + port)
                    .replace("/tmp/academy-nginx", dir + "/nginx");
            Files.writeString(dir.resolve("nginx.conf"), conf);
            Process process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", "nginx.conf", "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return new Nginx(process, port, dir);
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("console.log")));
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + port + "/");
        }

        Path accessLog() {
            return dir.resolve("nginx-access.log");
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
