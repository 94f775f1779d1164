package io.intentflow.tools.evaluate.report;

import static io.intentflow.tools.evaluate.report.ReportPage.escape;

import io.intentflow.tools.evaluate.metrics.Interval;
import io.intentflow.tools.evaluate.metrics.Lead;
import java.util.Locale;
import java.util.Map;

/**
 * Below the results: by how much the online model is ahead of each baseline, with the paired
 * interval of the difference, so that "ahead" can be told from the noise of which users the data
 * happens to hold.
 */
final class LeadTable {

    private LeadTable() {}

    static String of(Map<String, Lead> leads, ReportSettings settings) {
        StringBuilder t = new StringBuilder("<section>\n<h2>How far the online model is ahead</h2>\n<table class=\"results leads\">\n")
                .append("<thead><tr><th>of</th><th>AUC [95% CI]</th><th>PR-AUC [95% CI]</th></tr></thead>\n<tbody>\n");
        leads.forEach((name, lead) -> t.append("<tr data-method=\"").append(escape(name)).append("\"><td><b>").append(escape(name))
                .append("</b></td>").append(cell(lead.auc(), lead.aucInterval())).append(cell(lead.prAuc(), lead.prAucInterval()))
                .append("</tr>\n"));
        return t.append("</tbody>\n</table>\n<p class=\"note\">The online model's AUC and PR-AUC minus each method's, on the same events; ")
                .append("the 95% interval of the difference over ").append(settings.bootstrap().replicates())
                .append(" bootstrap replicates that draw the same users for both methods (paired). ")
                .append("An interval above 0 (bold) is a lead beyond that noise; one below 0, a deficit.</p>\n</section>\n")
                .toString();
    }

    private static String cell(double difference, Interval interval) {
        boolean ahead = interval.low() > 0;
        return (ahead ? "<td class=\"best\">" : "<td>") + signed(difference) + " <span class=\"ci\">[" + signed(interval.low()) + ", "
                + signed(interval.high()) + "]</span></td>";
    }

    private static String signed(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%+.3f", value) : "n/a";
    }
}
