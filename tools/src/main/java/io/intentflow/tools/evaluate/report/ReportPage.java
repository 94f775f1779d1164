package io.intentflow.tools.evaluate.report;

import io.intentflow.tools.evaluate.metrics.Calibration;
import io.intentflow.tools.evaluate.metrics.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched):
 * what was measured, the {@link ResultsTable}, the {@link LeadTable}, the {@link ReportCharts} and the protocol.
 */
final class ReportPage {

    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

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
        html.append(ResultsTable.of(methods, settings));
        html.append(LeadTable.of(report.leads(), settings));
        html.append("<section class=\"charts\">\n")
                .append(ReportCharts.roc(methods)).append(ReportCharts.precisionRecall(methods, online))
                .append(ReportCharts.reliability(methods)).append(ReportCharts.byEvents(methods))
                .append("<div class=\"wide\">").append(ReportCharts.overTime(methods, report.online(), settings)).append("</div>\n")
                .append("</section>\n");
        report.explanations().ifPresent(curve -> html.append(ExplanationSection.of(curve)));
        html.append(ValueSection.of(report.value().orElse(null)));
        html.append(protocol(settings));
        return html.append("</body>\n</html>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
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

    private static String versionSummary(MethodResult online) {
        List<MethodResult.VersionStart> versions = online.versions();
        if (versions.size() <= 1) {
            return versions.isEmpty() ? "" : "The online method scored with model v" + versions.get(0).version() + " throughout.";
        }
        return "The online method scored with model v" + versions.get(0).version() + " to v" + versions.get(versions.size() - 1).version()
                + " (" + (versions.size() - 1) + " new versions in the measured half).";
    }

    private static String words(Duration d) {
        return d.toMinutes() % 60 == 0 && d.toHours() > 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    static String format(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "n/a";
    }

    static String format1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String percent(double value) {
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
            table.results.leads { width: auto; min-width: 560px; }
            table.results .ci { color: #6b7178; font-size: 12px; white-space: nowrap; }
            table.results .what { color: #6b7178; font-size: 12px; max-width: 330px; }
            .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 8px; vertical-align: -1px; }
            .note { color: #6b7178; font-size: 12px; }
            .charts { display: grid; grid-template-columns: repeat(2, 600px); gap: 20px; justify-content: space-between; margin-top: 24px; }
            .charts .wide { grid-column: 1 / span 2; }
            .explanations rect.raises { fill: #1f4e8c; }
            .explanations rect.lowers { fill: #c0392b; }
            .explanations .axis { stroke: #888; }
            .explanations .tick { font-size: 9px; fill: #555; }
            .explanations .title { font-size: 13px; font-weight: 600; }
            table.groups { border-collapse: collapse; font-size: 13px; margin-top: 8px; }
            table.groups td, table.groups th { padding: 2px 12px 2px 0; text-align: left; }
            .protocol { font-size: 13px; color: #3a4046; }
            """;
}
