package org.academy.health;

import org.academy.base.push.PushLatency;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;

import static org.assertj.core.api.Assertions.assertThat;

/** Samples are taken by the test (the background sampler waits an hour), so the figures are the test's. */
@TestPropertySource(properties = {"academy.health.sample-interval=1h", "academy.cluster.node-id=health-test-node"})
class SystemHealthViewTest extends BrowserlessUiTest {

    @Autowired
    HealthSampler sampler;

    @Test
    @SuppressWarnings("unchecked")
    void an_administrator_sees_this_nodes_figures_and_a_push_latency_above_one_second_is_flagged() {
        World w = fixtures.world(1, 1);
        PushLatency.drain();
        for (int i = 0; i < 20; i++) {
            PushLatency.record(3_000_000_000L);
        }
        sampler.sample();

        open(w.admin(), "admin/health");

        Grid<NodeFigures> grid = find(Grid.class).single();
        assertThat(test(grid).size()).isEqualTo(1);
        assertThat(test(grid).getCellText(0, 0)).isEqualTo("health-test-node");
        assertThat(alerts()).startsWith("Alerts:").contains("health-test-node: push latency 5000 ms (above 1 s)");

        // The next interval is quiet: the alert goes.
        sampler.sample();
        open(w.admin(), "admin/health");
        assertThat(alerts()).isEqualTo("No alerts.");
    }

    private String alerts() {
        return find(Paragraph.class).all().stream().map(Paragraph::getText)
                .filter(t -> t.startsWith("Alerts") || t.startsWith("No alerts")).findFirst().orElseThrow();
    }
}
