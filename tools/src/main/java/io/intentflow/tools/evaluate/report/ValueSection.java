package io.intentflow.tools.evaluate.report;

import io.intentflow.tools.evaluate.metrics.ValueAccuracy;
import java.util.Locale;

/**
 * The page's order value: the value head against the running mean order value on the measured
 * half's purchasing sessions, or why there is nothing to measure.
 */
final class ValueSection {

    private ValueSection() {}

    static String of(ValueAccuracy accuracy) {
        if (accuracy == null) {
            return "<section class=\"value\">\n<h2>Order value</h2>\n<p>The data has no order amounts or prices: the value head "
                    + "stays untrained and every score's <code>value</code> is null.</p>\n</section>\n";
        }
        return "<section class=\"value\">\n<h2>Order value</h2>\n<p>"
                + String.format(Locale.ROOT,
                        "On %,d purchasing sessions of the measured half, each as of its last event before the purchase: the "
                                + "value head's order value given a purchase, against the user's running mean order value "
                                + "(the shop's for a new user).", accuracy.sessions())
                + "</p>\n<table>\n<thead><tr><th>method</th><th>mean absolute error</th><th>Spearman</th></tr></thead>\n<tbody>\n"
                + row("value head (online)", accuracy.mae(), accuracy.spearman())
                + row("running mean", accuracy.baselineMae(), accuracy.baselineSpearman())
                + "</tbody>\n</table>\n</section>\n";
    }

    private static String row(String name, double mae, double spearman) {
        return String.format(Locale.ROOT, "<tr><td>%s</td><td>%.2f</td><td>%s</td></tr>%n",
                name, mae, Double.isNaN(spearman) ? "n/a" : String.format(Locale.ROOT, "%.3f", spearman));
    }
}
