package io.intentflow.tools.evaluate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intentflow.tools.evaluate.metrics.Bootstrap;
import io.intentflow.tools.evaluate.metrics.Calibration;
import io.intentflow.tools.evaluate.metrics.CoveoCartScore;
import io.intentflow.tools.evaluate.metrics.Interval;
import io.intentflow.tools.evaluate.metrics.Lead;
import io.intentflow.tools.evaluate.metrics.Metrics;

/**
 * {@code report.json}: the online method's metrics at the top level, each baseline's with the
 * same keys under {@code baselines}, and there the online method's lead over it ({@code
 * online_lead}). A value that cannot be estimated (an AUC of one class) is
 * null: JSON has no NaN.
 */
final class ReportJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReportJson() {}

    static ObjectNode of(EvaluationReport report) {
        ObjectNode root = method(report.online());
        ObjectNode baselines = root.putObject("baselines");
        report.baselines().forEach((name, result) -> baselines.set(name, method(result).set("online_lead", lead(report.leads().get(name)))));
        root.set("protocol", protocol(report.settings()));
        report.explanations().ifPresent(curve -> {
            ObjectNode explanations = root.putObject("explanations");
            number(explanations, "deletion_drop_top", curve.dropTop());
            number(explanations, "deletion_drop_random", curve.dropRandom());
            explanations.put("deleted_events", curve.k());
            explanations.put("sessions", curve.sessions());
        });
        report.value().ifPresentOrElse(accuracy -> {
            ObjectNode value = root.putObject("value");
            number(value, "mae", accuracy.mae());
            number(value, "spearman", accuracy.spearman());
            number(value, "baseline_mae", accuracy.baselineMae());
            number(value, "baseline_spearman", accuracy.baselineSpearman());
            value.put("sessions", accuracy.sessions());
        }, () -> root.putNull("value"));
        return root;
    }

    private static ObjectNode method(MethodResult result) {
        ObjectNode o = metrics(result.overall());
        ArrayNode bins = o.putArray("calibration");
        for (Calibration.Bin bin : result.overall().calibration().bins()) {
            ObjectNode b = bins.addObject();
            number(b, "from", bin.from());
            number(b, "to", bin.to());
            b.put("events", bin.events());
            number(b, "mean_score", bin.meanScore());
            number(b, "positive_rate", bin.positiveRate());
        }
        o.set("coveo_cart", coveo(result.coveo()));
        ObjectNode byEvents = o.putObject("by_events");
        result.byEvents().forEach((bucket, m) -> byEvents.set(bucket.label(), metrics(m)));
        ArrayNode overTime = o.putArray("auc_over_time");
        for (MethodResult.TimeWindow w : result.overTime()) {
            ObjectNode window = overTime.addObject();
            window.put("from", w.from());
            window.put("to", w.to());
            window.put("events", w.events());
            number(window, "auc", w.auc());
        }
        ArrayNode versions = o.putArray("model_versions");
        for (MethodResult.VersionStart v : result.versions()) {
            versions.addObject().put("version", v.version()).put("from", v.from());
        }
        return o;
    }

    private static ObjectNode metrics(Metrics m) {
        ObjectNode o = NODES.objectNode();
        number(o, "auc", m.auc());
        number(o, "pr_auc", m.prAuc());
        number(o, "log_loss", m.logLoss());
        number(o, "f1", m.f1());
        number(o, "ece", m.ece());
        interval(o.putArray("auc_ci"), m.aucInterval());
        number(o, "precision", m.atThreshold().precision());
        number(o, "recall", m.atThreshold().recall());
        o.put("events", m.events());
        o.put("positives", m.positives());
        o.put("users", m.users());
        return o;
    }

    /** The online model's AUC and PR-AUC minus the baseline's, each with its paired interval. */
    private static ObjectNode lead(Lead lead) {
        ObjectNode o = NODES.objectNode();
        number(o, "auc", lead.auc());
        interval(o.putArray("auc_ci"), lead.aucInterval());
        number(o, "pr_auc", lead.prAuc());
        interval(o.putArray("pr_auc_ci"), lead.prAucInterval());
        return o;
    }

    private static void interval(ArrayNode a, Interval interval) {
        number(a, interval.low());
        number(a, interval.high());
    }

    private static ObjectNode coveo(CoveoCartScore score) {
        ObjectNode o = NODES.objectNode();
        number(o, "weighted", score.weighted());
        number(o, "max", CoveoCartScore.MAX);
        ObjectNode microF1 = o.putObject("micro_f1");
        score.microF1().forEach((offset, f1) -> number(microF1, String.valueOf(offset), f1));
        ObjectNode events = o.putObject("events");
        score.events().forEach((offset, n) -> events.put(String.valueOf(offset), n));
        return o;
    }

    private static ObjectNode protocol(ReportSettings settings) {
        ObjectNode o = NODES.objectNode();
        o.put("dataset", settings.dataset());
        o.put("first_ts", settings.split().firstTs());
        o.put("measured_from", settings.split().measuredFrom());
        o.put("last_ts", settings.split().lastTs());
        o.put("label_horizon_ms", settings.horizon().toMillis());
        number(o, "threshold", settings.threshold());
        ObjectNode bootstrap = o.putObject("bootstrap");
        bootstrap.put("unit", "user");
        bootstrap.put("replicates", settings.bootstrap().replicates());
        bootstrap.put("seed", settings.bootstrap().seed());
        number(bootstrap, "level", Bootstrap.LEVEL);
        o.put("calibration_bins", Calibration.BINS);
        o.put("pr_auc_estimator", "average precision (scikit-learn average_precision_score)");
        return o;
    }

    private static void number(ObjectNode o, String key, double value) {
        if (Double.isFinite(value)) {
            o.put(key, value);
        } else {
            o.putNull(key);
        }
    }

    private static void number(ArrayNode a, double value) {
        if (Double.isFinite(value)) {
            a.add(value);
        } else {
            a.addNull();
        }
    }
}
