package io.intentflow.tools.evaluate.report;

import static io.intentflow.tools.evaluate.report.ReportPage.DATE_TIME;
import static io.intentflow.tools.evaluate.report.ReportPage.format;
import static io.intentflow.tools.evaluate.report.ReportPage.format1;
import static io.intentflow.tools.evaluate.report.ReportPage.percent;

import io.intentflow.tools.evaluate.metrics.Calibration;
import io.intentflow.tools.evaluate.metrics.EventsSeenBucket;
import io.intentflow.tools.evaluate.metrics.Metrics;
import io.intentflow.tools.evaluate.metrics.Point;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's charts, one method per colour, the online method drawn last (on top): ROC and
 * precision-recall curves, reliability, AUC by events seen with intervals, AUC over event time
 * with the online method's model versions marked.
 */
final class ReportCharts {

    private static final Map<String, String> COLORS = Map.of(
            EvaluationReport.ONLINE, "#1f4e99", "frozen", "#8c8c8c", "ftrl", "#e07b00", "heuristic", "#2e9e44", "gbdt", "#8e44ad");
    private static final List<String> OTHER_COLORS = List.of("#c0392b", "#16a085", "#d35400", "#2c3e50");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Enough points for a smooth curve at the chart's size, however many thresholds there are. */
    private static final int CURVE_POINTS = 400;
    /** More version changes than this are marked without a label each. */
    private static final int LABELLED_VERSIONS = 12;

    private ReportCharts() {}

    static String roc(List<MethodResult> methods) {
        SvgChart chart = new SvgChart("roc", "ROC curve", 600, unitAxis("false positive rate"), unitAxis("true positive rate"))
                .reference(List.of(new Point(0, 0), new Point(1, 1)), "chance");
        for (MethodResult r : drawingOrder(chart, methods)) {
            chart.line(r.name(), color(r.name(), methods), thin(r.overall().sweep().roc()));
        }
        return chart.svg();
    }

    static String precisionRecall(List<MethodResult> methods, Metrics online) {
        double rate = (double) online.positives() / Math.max(1, online.events());
        SvgChart chart = new SvgChart("pr", "Precision-recall curve", 600, unitAxis("recall"), unitAxis("precision"))
                .reference(List.of(new Point(0, rate), new Point(1, rate)), "no skill: the positive rate, " + percent(rate));
        for (MethodResult r : drawingOrder(chart, methods)) {
            chart.line(r.name(), color(r.name(), methods), thin(r.overall().sweep().precisionRecall()));
        }
        return chart.svg();
    }

    static String reliability(List<MethodResult> methods) {
        SvgChart chart = new SvgChart(
                        "reliability", "Reliability (calibration)", 600, unitAxis("mean score in the bin"), unitAxis("fraction that bought"))
                .reference(List.of(new Point(0, 0), new Point(1, 1)), "perfectly calibrated");
        for (MethodResult r : drawingOrder(chart, methods)) {
            List<Point> points = new ArrayList<>();
            List<String> tips = new ArrayList<>();
            for (Calibration.Bin bin : r.overall().calibration().bins()) {
                if (bin.events() > 0) {
                    points.add(new Point(bin.meanScore(), bin.positiveRate()));
                    tips.add(String.format(Locale.ROOT, "%s, scores [%.1f, %.1f): %,d events, mean score %.3f, %s bought",
                            r.name(), bin.from(), bin.to(), bin.events(), bin.meanScore(), percent(bin.positiveRate())));
                }
            }
            String color = color(r.name(), methods);
            chart.line(r.name(), color, points).dots(r.name(), color, points, tips);
        }
        return chart.svg();
    }

    static String byEvents(List<MethodResult> methods) {
        EventsSeenBucket[] buckets = EventsSeenBucket.values();
        List<Double> ticks = new ArrayList<>();
        for (int b = 0; b < buckets.length; b++) {
            ticks.add((double) b);
        }
        SvgChart.Axis x = new SvgChart.Axis("events seen in the session", -0.5, buckets.length - 0.5, ticks, v -> buckets[(int) v].label());
        List<Double> values = new ArrayList<>();
        for (MethodResult r : methods) {
            for (Metrics m : r.byEvents().values()) {
                values.addAll(List.of(m.auc(), m.aucInterval().low(), m.aucInterval().high()));
            }
        }
        SvgChart chart = new SvgChart("by-events", "AUC by events seen (95% CI)", 600, x, aucAxis(values));
        for (MethodResult r : drawingOrder(chart, methods)) {
            int i = methods.indexOf(r);
            double dodge = (i - (methods.size() - 1) / 2.0) * 0.1;
            String color = color(r.name(), methods);
            List<Point> points = new ArrayList<>();
            List<String> tips = new ArrayList<>();
            for (int b = 0; b < buckets.length; b++) {
                Metrics m = r.byEvents().get(buckets[b]);
                points.add(new Point(b + dodge, m == null ? Double.NaN : m.auc()));
                tips.add(m == null ? "" : String.format(Locale.ROOT, "%s, %s events seen: AUC %s [%s, %s], %,d events",
                        r.name(), buckets[b].label(), format(m.auc()), format(m.aucInterval().low()),
                        format(m.aucInterval().high()), m.events()));
                if (m != null) {
                    chart.errorBar(r.name(), color, b + dodge, m.aucInterval().low(), m.aucInterval().high());
                }
            }
            chart.line(r.name(), color, points).dots(r.name(), color, points, tips);
        }
        return chart.svg();
    }

    static String overTime(List<MethodResult> methods, MethodResult online, ReportSettings settings) {
        long from = settings.split().measuredFrom();
        long to = settings.split().lastTs();
        List<Double> ticks = new ArrayList<>();
        for (int k = 0; k <= 6; k++) {
            ticks.add(from + (to - from) * k / 6.0);
        }
        SvgChart.Axis x = new SvgChart.Axis("event time (UTC)", from, Math.max(to, from + 1), ticks, v -> TIME.format(Instant.ofEpochMilli((long) v)));
        List<Double> values = new ArrayList<>();
        methods.forEach(r -> r.overTime().forEach(w -> values.add(w.auc())));
        SvgChart chart = new SvgChart("over-time", "AUC over event time, model versions marked", 1220, x, aucAxis(values));
        List<MethodResult.VersionStart> changes = online.versions().subList(Math.min(1, online.versions().size()), online.versions().size());
        for (MethodResult.VersionStart v : changes) {
            String label = changes.size() <= LABELLED_VERSIONS ? "v" + v.version() : "";
            chart.marker("version", v.from(), label, "model v" + v.version() + " first scored at " + DATE_TIME.format(Instant.ofEpochMilli(v.from())) + " UTC");
        }
        for (MethodResult r : drawingOrder(chart, methods)) {
            List<Point> points = new ArrayList<>();
            List<String> tips = new ArrayList<>();
            for (MethodResult.TimeWindow w : r.overTime()) {
                points.add(new Point((w.from() + w.to()) / 2.0, w.auc()));
                tips.add(String.format(Locale.ROOT, "%s, %s to %s: AUC %s, %,d events", r.name(),
                        TIME.format(Instant.ofEpochMilli(w.from())), TIME.format(Instant.ofEpochMilli(w.to())), format(w.auc()), w.events()));
            }
            String color = color(r.name(), methods);
            chart.line(r.name(), color, points).dots(r.name(), color, points, tips);
        }
        return chart.svg();
    }

    /** Keys the legend in the report's order, and returns the order to draw in: the online method last, on top. */
    private static List<MethodResult> drawingOrder(SvgChart chart, List<MethodResult> methods) {
        methods.forEach(r -> chart.key(r.name(), color(r.name(), methods)));
        List<MethodResult> order = new ArrayList<>(methods.subList(1, methods.size()));
        order.add(methods.get(0));
        return order;
    }

    private static SvgChart.Axis unitAxis(String label) {
        return SvgChart.Axis.linear(label, 0, 1, 0.2, ReportPage::format1);
    }

    /** From the lowest to the highest AUC shown, to the tenth outside, at least 0.2 apart. */
    private static SvgChart.Axis aucAxis(List<Double> values) {
        double low = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).min().orElse(0.5);
        double high = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(1);
        double min = Math.max(0, Math.floor(Math.min(low, 0.5) * 10) / 10);
        double max = Math.min(1, Math.max(min + 0.2, Math.ceil(high * 10) / 10));
        return SvgChart.Axis.linear("AUC", min, max, 0.1, ReportPage::format1);
    }

    private static List<Point> thin(List<Point> curve) {
        if (curve.size() <= CURVE_POINTS) {
            return curve;
        }
        List<Point> thinned = new ArrayList<>();
        double step = (curve.size() - 1) / (double) (CURVE_POINTS - 1);
        for (int k = 0; k < CURVE_POINTS; k++) {
            thinned.add(curve.get((int) Math.round(k * step)));
        }
        return thinned;
    }

    static String color(String method, List<MethodResult> methods) {
        String known = COLORS.get(method);
        if (known != null) {
            return known;
        }
        int index = 0;
        for (MethodResult r : methods) {
            if (r.name().equals(method)) {
                break;
            }
            index += COLORS.containsKey(r.name()) ? 0 : 1;
        }
        return OTHER_COLORS.get(index % OTHER_COLORS.size());
    }
}
