package org.academy.progress.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.academy.base.push.Subscription;
import org.academy.base.push.TopicHub;
import org.academy.identity.PersonSummary;
import org.academy.progress.ProgressService;
import org.academy.progress.ProgressTopics;
import org.academy.testing.Actors;
import org.academy.testing.Browser;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not part of the test suite (tag "benchmark"): how long a committed completion takes to show on
 * a real instructor dashboard while other dashboards of the same cohort reload on every push.
 * Prints p50/p95/p99; see docs/performance.md for the command and recorded figures.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Fixtures.class)
class DashboardLatencyBenchmark {

    static final int LEARNERS = Integer.getInteger("bench.learners", 100);
    static final int OTHER_DASHBOARDS = Integer.getInteger("bench.dashboards", 50);
    static final int COMPLETIONS_PER_SECOND = Integer.getInteger("bench.rate", 10);

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ProgressService progress;
    @Autowired
    TopicHub hub;

    @Test
    void completion_to_dashboard_latency() throws Exception {
        World world = fixtures.world(LEARNERS, 8);
        long cohort = world.cohortA().id();
        long lesson = world.courseA().lessons().getFirst().id();

        // Other instructors' dashboards: each reloads the whole dashboard on every push, as the view does.
        AtomicLong reloads = new AtomicLong();
        List<Subscription> others = new ArrayList<>();
        for (int i = 0; i < OTHER_DASHBOARDS; i++) {
            others.add(hub.subscribe(ProgressTopics.cohort(cohort), batch -> {
                Actors.as(world.instructorA(), () -> progress.dashboard(cohort));
                reloads.incrementAndGet();
            }));
        }

        try (Browser instructor = new Browser("http://localhost:" + port + "/")) {
            instructor.login(world.instructorA().email(), Fixtures.PASSWORD);
            instructor.open("cohorts/" + cohort);
            assertThat(instructor.text(By.id("stat-completions"))).isEqualTo("0");
            instructor.script("""
                    window.__seen = {};
                    const el = document.getElementById('stat-completions');
                    new MutationObserver(() => { window.__seen[el.textContent] = Date.now(); })
                        .observe(el, {childList: true, characterData: true, subtree: true});
                    """);

            Map<Integer, Long> committedAt = new HashMap<>();
            long interval = 1000 / COMPLETIONS_PER_SECOND;
            long start = System.currentTimeMillis();
            for (int i = 0; i < LEARNERS; i++) {
                PersonSummary learner = world.studentsA().get(i);
                Actors.as(learner, () -> progress.markComplete(cohort, lesson));
                committedAt.put(i + 1, System.currentTimeMillis());
                long next = start + (i + 1) * interval;
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            }
            new org.openqa.selenium.support.ui.WebDriverWait(instructor.driver(), Duration.ofSeconds(30))
                    .until(d -> Integer.toString(LEARNERS).equals(d.findElement(By.id("stat-completions")).getText()));

            @SuppressWarnings("unchecked")
            Map<String, Object> seen = (Map<String, Object>) instructor.script("return window.__seen;");
            // With coalescing a count may be skipped on screen; each completion counts as shown
            // when the first count at or above it appears.
            long[] latencies = new long[LEARNERS];
            for (int n = 1; n <= LEARNERS; n++) {
                long shown = Long.MAX_VALUE;
                for (var e : seen.entrySet()) {
                    if (Integer.parseInt(e.getKey()) >= n) {
                        shown = Math.min(shown, ((Number) e.getValue()).longValue());
                    }
                }
                latencies[n - 1] = shown - committedAt.get(n);
            }
            Arrays.sort(latencies);
            System.out.printf("BENCHMARK dashboard latency: learners=%d completions=%d at %d/s, other live dashboards=%d, "
                            + "screen updates=%d, reloads by others=%d%n",
                    LEARNERS, LEARNERS, COMPLETIONS_PER_SECOND, OTHER_DASHBOARDS, seen.size(), reloads.get());
            System.out.printf("BENCHMARK commit -> visible on dashboard: p50=%d ms p95=%d ms p99=%d ms max=%d ms%n",
                    pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies[latencies.length - 1]);
        } finally {
            others.forEach(Subscription::close);
        }
    }

    static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
