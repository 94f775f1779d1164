package io.intentflow.tools.evaluate.report;

import static io.intentflow.tools.evaluate.report.ReportPage.escape;
import static io.intentflow.tools.evaluate.report.ReportPage.format;
import static io.intentflow.tools.evaluate.report.ReportPage.format1;

import io.intentflow.tools.evaluate.metrics.CoveoCartScore;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The results table at the top of the page: a row per method, the best value of each column in bold. */
final class ResultsTable {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            EvaluationReport.ONLINE, "the job's network, learning online while it scores",
            "frozen", "the starting model, never updated",
            "cold_start", "the simulator-pretrained default model, never updated",
            "ftrl", "online logistic regression (FTRL-Proximal) on session aggregates (and the user inputs, under model.features: user), learning as labels arrive",
            "heuristic", "fixed cart and checkout rules",
            "gbdt", "gradient-boosted trees (XGBoost) on session aggregates (and the user inputs, under model.features: user), trained on the first half");

    private ResultsTable() {}

    static String of(List<MethodResult> methods, ReportSettings settings) {
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
                    .append(ReportCharts.color(r.name(), methods)).append("\"></span><b>").append(escape(r.name())).append("</b>")
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
}
