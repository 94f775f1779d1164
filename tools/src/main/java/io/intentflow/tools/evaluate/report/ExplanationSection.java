package io.intentflow.tools.evaluate.report;

import io.intentflow.model.SessionEvent;
import io.intentflow.model.explain.Occlusion;
import io.intentflow.tools.explain.DeletionCurve;
import java.util.List;
import java.util.Locale;

/**
 * The page's explanations: the deletion test's two numbers, and the highest-scoring session of
 * the measured half drawn over its timeline, a bar per event of its ring (how much the score
 * falls without that event; below the line, how much it rises), with the feature groups beside.
 */
final class ExplanationSection {

    private static final int WIDTH = 1220;
    private static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int MID = 130;
    private static final int HALF = 90;

    private ExplanationSection() {}

    static String of(DeletionCurve curve) {
        StringBuilder html = new StringBuilder("<section class=\"explanations\">\n<h2>Explanations</h2>\n<p>")
                .append(String.format(Locale.ROOT,
                        "Deleting each of %,d sessions' %d top-attributed events lowered the starting model's score by %.4f on average; "
                                + "deleting %d random events, by %.4f (occlusion, docs/model-and-learning.md).",
                        curve.sessions(), curve.k(), curve.dropTop(), curve.k(), curve.dropRandom()))
                .append("</p>\n");
        if (curve.best() != null) {
            html.append(timeline(curve.best(), curve.bestAttribution())).append(groups(curve.bestAttribution()));
        }
        return html.append("</section>\n").toString();
    }

    private static String timeline(Occlusion.Session session, Occlusion.Attribution attribution) {
        List<SessionEvent> events = session.events();
        float[] byEvent = attribution.byEvent();
        double scale = 0;
        for (float drop : byEvent) {
            scale = Math.max(scale, Math.abs(drop));
        }
        double step = (WIDTH - LEFT - 20) / (double) Math.max(1, events.size());
        StringBuilder svg = new StringBuilder()
                .append("<svg id=\"explanation\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\">\n<title>The highest-scoring session of the measured half: score ")
                .append(score(attribution.score())).append("</title>\n")
                .append("<text x=\"").append(LEFT).append("\" y=\"20\" class=\"title\">The highest-scoring session of the measured half (score ")
                .append(score(attribution.score())).append("): what each event adds</text>\n")
                .append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - 20).append("\" y1=\"").append(MID).append("\" y2=\"").append(MID)
                .append("\" class=\"axis\"/>\n");
        for (int i = 0; i < events.size(); i++) {
            double height = scale == 0 ? 0 : HALF * Math.abs(byEvent[i]) / scale;
            double x = LEFT + i * step + step * 0.15;
            double y = byEvent[i] >= 0 ? MID - height : MID;
            SessionEvent event = events.get(i);
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"event %s\" data-type=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s at position %d: %s</title></rect>\n",
                    byEvent[i] >= 0 ? "raises" : "lowers", event.type().wireName(), x, y, step * 0.7, height,
                    ReportPage.escape(event.type().wireName()), session.firstPosition() + i + 1, format(byEvent[i])));
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    x + step * 0.35, MID + HALF + 24, ReportPage.escape(abbreviation(event))));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String groups(Occlusion.Attribution attribution) {
        StringBuilder table = new StringBuilder("<table class=\"groups\">\n<tr><th>feature group</th><th>score drop when occluded</th></tr>\n");
        for (int g = 0; g < attribution.groups().size(); g++) {
            table.append("<tr><td>").append(ReportPage.escape(attribution.groups().get(g).wireName())).append("</td><td>")
                    .append(format(attribution.byGroup()[g])).append("</td></tr>\n");
        }
        return table.append("</table>\n").toString();
    }

    /** The event type's first letters, which fit under a bar of a 64-event ring. */
    private static String abbreviation(SessionEvent event) {
        String type = event.type().wireName();
        return type.length() <= 4 ? type : type.substring(0, 4);
    }

    private static String score(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** A change of the score, signed. */
    private static String format(double value) {
        return String.format(Locale.ROOT, "%+.4f", value);
    }
}
