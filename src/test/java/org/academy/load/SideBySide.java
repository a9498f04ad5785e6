package org.academy.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table and chart of {@code ./academy bench}: reads what the reference peer's load.js printed
 * ({@code peer-N.txt}) and what {@link FanoutHarness} wrote ({@code ours-votes-N.txt}) for each N,
 * writes {@code side-by-side.md} beside them (and prints it) and an SVG chart of p50/p99 against
 * participants, both systems, log-scale latency. Arguments: bench directory, SVG file, N...
 */
public final class SideBySide {

    private static final Pattern KV = Pattern.compile("(\\w+)=([-0-9.]+|Infinity|NaN)");

    record Row(int n, Map<String, Double> ours, Map<String, Double> peer) {
        double o(String key) {
            return ours.getOrDefault(key, Double.NaN);
        }

        double p(String key) {
            return peer.getOrDefault(key, Double.NaN);
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path svg = Path.of(args[1]);
        List<Row> rows = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            int n = Integer.parseInt(args[i]);
            rows.add(new Row(n, ours(dir.resolve("ours-votes-" + n + ".txt")), peer(dir.resolve("peer-" + n + ".txt"))));
        }
        StringBuilder md = new StringBuilder();
        md.append("| participants | pairs p50 ours / ref (ms) | p95 ours / ref | p99 ours / ref | max ours / ref | ratio p50 | ratio p99 "
                + "| worst-screen p99 ours / ref | memory per participant ours heap / ref RSS (KB) | errors ours |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %,d | %s / %s | %s / %s | %s / %s | %s / %s | %s | %s | %s / %s | %s / %s | %s |%n", r.n(),
                    ms(r.o("pairs_p50")), ms(r.p("pairs_p50")), ms(r.o("pairs_p95")), ms(r.p("pairs_p95")),
                    ms(r.o("pairs_p99")), ms(r.p("pairs_p99")), ms(r.o("pairs_max")), ms(r.p("pairs_max")),
                    ratio(r.o("pairs_p50"), r.p("pairs_p50")), ratio(r.o("pairs_p99"), r.p("pairs_p99")),
                    ms(r.o("worst_p99")), ms(r.p("worst_p99")), num(r.o("heap_kb")), num(r.p("rss_kb")), num(r.o("errors"))));
        }
        md.append("\nLatency: every vote × participant pair, from the vote's send (ours: the click's UIDL request) to the first "
                + "arrival at that participant of a tally that includes it; worst screen: per vote, the slowest participant. "
                + "Ratio = ours ÷ reference (below 1: ours faster). Missing figures: that run did not finish.\n");
        Files.writeString(dir.resolve("side-by-side.md"), md);
        System.out.print(md);
        Files.createDirectories(svg.toAbsolutePath().getParent());
        Files.writeString(svg, chart(rows));
        System.out.println("chart: " + svg);
    }

    private static Map<String, Double> ours(Path file) throws Exception {
        Map<String, Double> v = new HashMap<>();
        if (!Files.exists(file)) {
            return v;
        }
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("RESULT ")) {
                Matcher m = KV.matcher(line);
                while (m.find()) {
                    v.put(m.group(1), Double.parseDouble(m.group(2)));
                }
            }
        }
        return v;
    }

    /** load.js's three lines: pairs, vote->every-screen, server RSS per participant. */
    private static Map<String, Double> peer(Path file) throws Exception {
        Map<String, Double> v = new HashMap<>();
        if (!Files.exists(file)) {
            return v;
        }
        for (String line : Files.readAllLines(file)) {
            String prefix = line.contains("participant pairs") ? "pairs_" : line.contains("every-screen") ? "worst_" : null;
            if (prefix != null) {
                Matcher m = KV.matcher(line.substring(line.indexOf(" ms ")));
                while (m.find()) {
                    v.put(prefix + m.group(1), Double.parseDouble(m.group(2)));
                }
            }
            Matcher rss = Pattern.compile("per-participant=([-0-9.]+)KB").matcher(line);
            if (rss.find()) {
                v.put("rss_kb", Double.parseDouble(rss.group(1)));
            }
        }
        return v;
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "–" : Double.isInfinite(v) ? "never" : v >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String ratio(double ours, double ref) {
        return Double.isNaN(ours) || Double.isNaN(ref) || ref <= 0 ? "–" : String.format(Locale.ROOT, "%.2f", ours / ref);
    }

    /** p50 and p99 of the pairs against participants: both systems, latency on a log scale. */
    static String chart(List<Row> rows) {
        int w = 640;
        int h = 400;
        int left = 70;
        int right = 170;
        int top = 40;
        int bottom = 50;
        double lo = 1;
        double hi = 10_000;
        for (Row r : rows) {
            for (double v : new double[]{r.o("pairs_p50"), r.o("pairs_p99"), r.p("pairs_p50"), r.p("pairs_p99")}) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, Math.pow(10, Math.floor(Math.log10(v))));
                    hi = Math.max(hi, Math.pow(10, Math.ceil(Math.log10(v))));
                }
            }
        }
        double logLo = Math.log10(lo);
        double logHi = Math.log10(hi);
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        int maxN = rows.stream().mapToInt(Row::n).max().orElse(1);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", w, h, w, h));
        s.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">Vote → screen, every vote × "
                + "participant pair (ms, log scale)</text>%n", left));
        for (double d = logLo; d <= logHi + 1e-9; d++) {
            double y = top + plotH - (d - logLo) / (logHi - logLo) * plotH;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", left, left + plotW, y, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left - 6, y + 4,
                    String.format(Locale.ROOT, "%,.0f", Math.pow(10, d))));
        }
        for (Row r : rows) {
            double x = left + r.n() / (double) maxN * plotW;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#eee\"/>%n", x, x, top, top + plotH));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,d</text>%n", x, top + plotH + 18, r.n()));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">participants (each votes once over the spread)</text>%n",
                left + plotW / 2, h - 10));
        s.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", left, top, plotW, plotH));
        String[][] series = {{"ours", "pairs_p50", "#1f6feb", "", "Academy p50"}, {"ours", "pairs_p99", "#1f6feb", "6,4", "Academy p99"},
                {"peer", "pairs_p50", "#d9480f", "", "reference p50"}, {"peer", "pairs_p99", "#d9480f", "6,4", "reference p99"}};
        int legend = 0;
        for (String[] line : series) {
            StringBuilder points = new StringBuilder();
            for (Row r : rows) {
                double v = line[0].equals("ours") ? r.o(line[1]) : r.p(line[1]);
                if (!(v > 0) || !Double.isFinite(v)) {
                    continue;
                }
                double x = left + r.n() / (double) maxN * plotW;
                double y = top + plotH - (Math.log10(v) - logLo) / (logHi - logLo) * plotH;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, line[2]));
            }
            s.append(String.format("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n", points.toString().trim(),
                    line[2], line[3].isEmpty() ? "" : " stroke-dasharray=\"" + line[3] + "\""));
            int ly = top + 10 + legend++ * 20;
            s.append(String.format("<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n", left + plotW + 12,
                    left + plotW + 40, ly, ly, line[2], line[3].isEmpty() ? "" : " stroke-dasharray=\"" + line[3] + "\""));
            s.append(String.format("<text x=\"%d\" y=\"%d\">%s</text>%n", left + plotW + 46, ly + 4, line[4]));
        }
        s.append("</svg>\n");
        return s.toString();
    }
}
