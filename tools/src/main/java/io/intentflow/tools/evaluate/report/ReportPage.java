package io.intentflow.tools.evaluate.report;

import io.intentflow.tools.evaluate.metrics.Calibration;
import io.intentflow.tools.evaluate.metrics.CoveoCartScore;
import io.intentflow.tools.evaluate.metrics.EventsSeenBucket;
import io.intentflow.tools.evaluate.metrics.Metrics;
import io.intentflow.tools.evaluate.metrics.Point;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched):
 * the results table, then ROC and precision-recall curves of every method, the reliability
 * curve, AUC by events seen with its intervals, and AUC over event time with the online
 * method's model versions marked.
 */
final class ReportPage {

    private static final Map<String, String> COLORS = Map.of(
            EvaluationReport.ONLINE, "#1f4e99", "frozen", "#8c8c8c", "ftrl", "#e07b00", "heuristic", "#2e9e44", "gbdt", "#8e44ad");
    private static final List<String> OTHER_COLORS = List.of("#c0392b", "#16a085", "#d35400", "#2c3e50");
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            EvaluationReport.ONLINE, "the job's network, learning online while it scores",
            "frozen", "the starting model, never updated",
            "ftrl", "online logistic regression (FTRL-Proximal) on session aggregates, learning as labels arrive",
            "heuristic", "fixed cart and checkout rules",
            "gbdt", "gradient-boosted trees (XGBoost) on session aggregates, trained on the first half");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Enough points for a smooth curve at the chart's size, however many thresholds there are. */
    private static final int CURVE_POINTS = 400;
    /** More version changes than this are marked without a label each. */
    private static final int LABELLED_VERSIONS = 12;

    private ReportPage() {}

    static String of(EvaluationReport report) {
        List<MethodResult> methods = report.methods();
        ReportSettings settings = report.settings();
        Metrics online = report.online().overall();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Purchase-intent evaluation: ").append(escape(settings.dataset())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<header>\n<h1>Purchase-intent evaluation</h1>\n<p class=\"sub\">").append(escape(settings.dataset()))
                .append("</p>\n<p>Measured on ").append(String.format(Locale.ROOT, "%,d", online.events()))
                .append(" scored events of ").append(String.format(Locale.ROOT, "%,d", online.users()))
                .append(" users (").append(String.format(Locale.ROOT, "%,d", online.positives())).append(" positive, ")
                .append(percent((double) online.positives() / Math.max(1, online.events())))
                .append("), from ").append(DATE_TIME.format(Instant.ofEpochMilli(settings.split().measuredFrom())))
                .append(" to ").append(DATE_TIME.format(Instant.ofEpochMilli(settings.split().lastTs())))
                .append(" UTC: the second half of the data's event time, every method on the same events. ")
                .append("An event is positive when the same user buys within ").append(escape(words(settings.horizon())))
                .append(" after it. ").append(versionSummary(report.online())).append("</p>\n</header>\n");
        html.append(table(methods, settings));
        html.append("<section class=\"charts\">\n")
                .append(roc(methods)).append(precisionRecall(methods, online))
                .append(reliability(methods)).append(byEvents(methods))
                .append("<div class=\"wide\">").append(overTime(methods, report.online(), settings)).append("</div>\n")
                .append("</section>\n");
        html.append(protocol(settings));
        return html.append("</body>\n</html>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String table(List<MethodResult> methods, ReportSettings settings) {
        List<Column> columns = List.of(
                new Column("AUC [95% CI]", true, r -> r.overall().auc()),
                new Column("PR-AUC", true, r -> r.overall().prAuc()),
                new Column("log-loss", false, r -> r.overall().logLoss()),
                new Column("ECE", false, r -> r.overall().ece()),
                new Column("precision", true, r -> r.overall().atThreshold().precision()),
                new Column("recall", true, r -> r.overall().atThreshold().recall()),
                new Column("F1", true, r -> r.overall().f1()),
                new Column("Coveo cart (of " + format1(CoveoCartScore.MAX) + ")", true, r -> r.coveo().weighted()));
        StringBuilder t = new StringBuilder("<section>\n<h2>Results</h2>\n<table class=\"results\">\n<thead><tr><th>method</th>");
        for (Column c : columns) {
            t.append("<th>").append(escape(c.name())).append("</th>");
        }
        t.append("</tr></thead>\n<tbody>\n");
        for (MethodResult r : methods) {
            t.append("<tr data-method=\"").append(escape(r.name())).append("\"><td><span class=\"swatch\" style=\"background:")
                    .append(color(r.name(), methods)).append("\"></span><b>").append(escape(r.name())).append("</b>")
                    .append("<div class=\"what\">").append(escape(DESCRIPTIONS.getOrDefault(r.name(), ""))).append("</div></td>");
            for (Column c : columns) {
                double value = c.value().applyAsDouble(r);
                boolean best = Double.isFinite(value) && methods.stream().mapToDouble(c.value())
                        .filter(Double::isFinite).allMatch(other -> c.higherIsBetter() ? value >= other : value <= other);
                t.append(best ? "<td class=\"best\">" : "<td>").append(format(value));
                if (c == columns.get(0)) {
                    t.append(" <span class=\"ci\">[").append(format(r.overall().aucInterval().low())).append(", ")
                            .append(format(r.overall().aucInterval().high())).append("]</span>");
                }
                t.append("</td>");
            }
            t.append("</tr>\n");
        }
        return t.append("</tbody>\n</table>\n<p class=\"note\">Precision, recall, F1 and the Coveo measure decide at score &ge; ")
                .append(format(settings.threshold()))
                .append(" (the job's high band). Best value per column in bold. Definitions: docs/evaluation.md.</p>\n</section>\n")
                .toString();
    }

    private record Column(String name, boolean higherIsBetter, ToDoubleFunction<MethodResult> value) {}

    private static String roc(List<MethodResult> methods) {
        SvgChart chart = new SvgChart("roc", "ROC curve", 600, unitAxis("false positive rate"), unitAxis("true positive rate"))
                .reference(List.of(new Point(0, 0), new Point(1, 1)), "chance");
        for (MethodResult r : drawingOrder(chart, methods)) {
            chart.line(r.name(), color(r.name(), methods), thin(r.overall().sweep().roc()));
        }
        return chart.svg();
    }

    private static String precisionRecall(List<MethodResult> methods, Metrics online) {
        double rate = (double) online.positives() / Math.max(1, online.events());
        SvgChart chart = new SvgChart("pr", "Precision-recall curve", 600, unitAxis("recall"), unitAxis("precision"))
                .reference(List.of(new Point(0, rate), new Point(1, rate)), "no skill: the positive rate, " + percent(rate));
        for (MethodResult r : drawingOrder(chart, methods)) {
            chart.line(r.name(), color(r.name(), methods), thin(r.overall().sweep().precisionRecall()));
        }
        return chart.svg();
    }

    private static String reliability(List<MethodResult> methods) {
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

    private static String byEvents(List<MethodResult> methods) {
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

    private static String overTime(List<MethodResult> methods, MethodResult online, ReportSettings settings) {
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

    private static String protocol(ReportSettings settings) {
        return "<section class=\"protocol\">\n<h2>Protocol</h2>\n<ul>\n"
                + "<li>Warm-up and training of the offline baselines: event time from "
                + DATE_TIME.format(Instant.ofEpochMilli(settings.split().firstTs())) + " to "
                + DATE_TIME.format(Instant.ofEpochMilli(settings.split().measuredFrom())) + " UTC; measured from then to the end. "
                + "Purchase events are not scored.</li>\n"
                + "<li>AUC: Mann-Whitney, ties counted half. Its 95% interval: percentile bootstrap resampling users (events of one user are correlated), "
                + settings.bootstrap().replicates() + " replicates, seed " + settings.bootstrap().seed() + ".</li>\n"
                + "<li>PR-AUC: average precision (scikit-learn's average_precision_score). Log-loss: scores clipped to [1e-7, 1 - 1e-7]. "
                + "ECE: " + Calibration.BINS + " equal-width bins, weighted by their events.</li>\n"
                + "<li>Coveo cart: the SIGIR eCom 2021 Data Challenge measure, micro-F1 at the session's first add-to-cart and 2, 4, 6, 8, 10 events after it, "
                + "weighted 1 to 0.5 and summed.</li>\n"
                + "<li>Events seen: the session's events up to and including the scored one, bucketed 1, 2, 3, 4-5, 6-10, 11-19, 20+.</li>\n"
                + "</ul>\n</section>\n";
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

    private static String versionSummary(MethodResult online) {
        List<MethodResult.VersionStart> versions = online.versions();
        if (versions.size() <= 1) {
            return versions.isEmpty() ? "" : "The online method scored with model v" + versions.get(0).version() + " throughout.";
        }
        return "The online method scored with model v" + versions.get(0).version() + " to v" + versions.get(versions.size() - 1).version()
                + " (" + (versions.size() - 1) + " new versions in the measured half).";
    }

    private static String color(String method, List<MethodResult> methods) {
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

    private static String words(Duration d) {
        return d.toMinutes() % 60 == 0 && d.toHours() > 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    private static String format(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "n/a";
    }

    private static String format1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * value);
    }

    private static final String CSS = """
            body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1f24;
                   margin: 0 auto; padding: 24px 32px 48px; max-width: 1260px; background: #ffffff; line-height: 1.45; }
            h1 { font-size: 26px; margin: 0 0 4px; }
            h2 { font-size: 18px; margin: 28px 0 10px; }
            .sub { color: #4a5057; margin: 0 0 8px; font-size: 15px; }
            header p { max-width: 1100px; }
            table.results { border-collapse: collapse; width: 100%; font-size: 14px; font-variant-numeric: tabular-nums; }
            table.results th { text-align: right; font-weight: 600; border-bottom: 2px solid #1b1f24; padding: 6px 10px; }
            table.results th:first-child, table.results td:first-child { text-align: left; }
            table.results td { text-align: right; border-bottom: 1px solid #e3e6ea; padding: 7px 10px; vertical-align: top; }
            table.results td.best { font-weight: 700; }
            table.results .ci { color: #6b7178; font-size: 12px; white-space: nowrap; }
            table.results .what { color: #6b7178; font-size: 12px; max-width: 330px; }
            .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 8px; vertical-align: -1px; }
            .note { color: #6b7178; font-size: 12px; }
            .charts { display: grid; grid-template-columns: repeat(2, 600px); gap: 20px; justify-content: space-between; margin-top: 24px; }
            .charts .wide { grid-column: 1 / span 2; }
            .protocol { font-size: 13px; color: #3a4046; }
            """;
}
