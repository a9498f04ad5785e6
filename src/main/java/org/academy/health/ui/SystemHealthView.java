package org.academy.health.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.academy.base.ui.UiPolling;
import org.academy.health.NodeFigures;
import org.academy.health.SystemHealthService;
import org.academy.security.Role;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;

import jakarta.annotation.security.RolesAllowed;

/**
 * Every node's live figures (sampled every 5 s, refreshed here as often) with the research's alert
 * thresholds highlighted, and small charts of this node's last five minutes drawn with plain divs.
 */
@Route("admin/health")
@PageTitle("System health · Academy")
@Menu(order = 9.5, title = "System health", icon = "vaadin:heart")
@RolesAllowed(Role.Names.ADMIN)
class SystemHealthView extends VerticalLayout implements BeforeEnterObserver {

    private final SystemHealthService health;
    private final Grid<NodeFigures> nodes = new Grid<>();
    private final Paragraph alerts = new Paragraph();
    private final FlexLayout charts = new FlexLayout();
    private Registration polling;

    SystemHealthView(SystemHealthService health) {
        this.health = health;
        add(new H2("System health"), new Paragraph("Per node, over the last 5 seconds. Alerts: connection success below "
                + "98 %, event → push latency (99th percentile) above 1 s."));
        alerts.addClassName("health-alerts");
        nodes.addColumn(NodeFigures::node).setHeader("Node").setAutoWidth(true);
        nodes.addColumn(f -> f.uisOpen()).setHeader("Open screens");
        nodes.addColumn(f -> f.websocket() + " / " + f.longPolling()).setHeader("Push: WebSocket / long polling");
        nodes.addComponentColumn(f -> flagged(percent(f.connectionSuccess()), f.connectionAlert()))
                .setHeader("Connection success");
        nodes.addColumn(f -> format(f.pushesPerSecond())).setHeader("Pushes/s");
        nodes.addComponentColumn(f -> flagged(format(f.latencyP99Ms()) + " ms", f.latencyAlert())).setHeader("Push latency p99");
        nodes.addColumn(NodeFigures::backlog).setHeader("Hub backlog");
        nodes.addColumn(NodeFigures::liveSessions).setHeader("Live sessions");
        nodes.addColumn(f -> format(f.rejectionsPerMinute())).setHeader("Rate-limited/min");
        nodes.addColumn(f -> format(f.failedLoginsPerMinute())).setHeader("Failed logins/min");
        nodes.setAllRowsVisible(true);
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.getStyle().set("gap", "var(--lumo-space-l)");
        add(alerts, nodes, new H3("This node, last five minutes"), charts);
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        polling = UiPolling.request(event.getUI(), 5000, this::refresh);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
    }

    void refresh() {
        List<NodeFigures> figures = health.nodes();
        nodes.setItems(figures);
        List<String> problems = figures.stream().flatMap(f -> java.util.stream.Stream.of(
                f.connectionAlert() ? f.node() + ": connection success " + percent(f.connectionSuccess()) + " (below 98 %)" : null,
                f.latencyAlert() ? f.node() + ": push latency " + format(f.latencyP99Ms()) + " ms (above 1 s)" : null))
                .filter(java.util.Objects::nonNull).toList();
        alerts.setText(problems.isEmpty() ? "No alerts." : "Alerts: " + String.join("; ", problems));
        alerts.getStyle().set("color", problems.isEmpty() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
        List<NodeFigures> history = health.history();
        charts.removeAll();
        charts.add(chart("Open screens", history, NodeFigures::uisOpen, Double.NaN),
                chart("Pushes/s", history, NodeFigures::pushesPerSecond, Double.NaN),
                chart("Push latency p99 (ms)", history, NodeFigures::latencyP99Ms, NodeFigures.MAX_LATENCY_MS),
                chart("Connection success (%)", history, f -> f.connectionSuccess() * 100, NodeFigures.MIN_CONNECTION_SUCCESS * 100));
    }

    /** A bar per sample, scaled to the largest value (or the threshold, drawn as a line). */
    private static Div chart(String title, List<NodeFigures> history, ToDoubleFunction<NodeFigures> value, double threshold) {
        Div box = new Div();
        box.addClassName("health-chart");
        box.getElement().setAttribute("aria-label", title);
        Span label = new Span(title + ": " + (history.isEmpty() ? "–" : format(value.applyAsDouble(history.getLast()))));
        Div bars = new Div();
        bars.getStyle().set("display", "flex").set("align-items", "flex-end").set("gap", "1px").set("height", "60px")
                .set("width", "240px").set("position", "relative").set("border-bottom", "1px solid var(--lumo-contrast-30pct)");
        double max = history.stream().mapToDouble(value).max().orElse(0);
        if (!Double.isNaN(threshold)) {
            max = Math.max(max, threshold);
        }
        max = max <= 0 ? 1 : max;
        for (NodeFigures f : history) {
            Div bar = new Div();
            double v = value.applyAsDouble(f);
            boolean alert = !Double.isNaN(threshold) && (threshold >= 90 ? v < threshold : v > threshold);
            bar.getStyle().set("width", "3px").set("height", Math.max(1, Math.round(60 * v / max)) + "px")
                    .set("background", alert ? "var(--lumo-error-color)" : "var(--lumo-primary-color)");
            bars.add(bar);
        }
        if (!Double.isNaN(threshold)) {
            Div line = new Div();
            line.getStyle().set("position", "absolute").set("left", "0").set("right", "0")
                    .set("bottom", Math.round(60 * threshold / max) + "px")
                    .set("border-top", "1px dashed var(--lumo-error-color)");
            bars.add(line);
        }
        box.add(label, bars);
        return box;
    }

    private static Span flagged(String text, boolean alert) {
        Span span = new Span(alert ? text + " ⚠" : text);
        if (alert) {
            span.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "600");
            span.getElement().setAttribute("title", "Beyond the alert threshold");
        }
        return span;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }
}
