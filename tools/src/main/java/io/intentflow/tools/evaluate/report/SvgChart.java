package io.intentflow.tools.evaluate.report;

import io.intentflow.tools.evaluate.metrics.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * One chart as inline SVG, drawn in Java so that the page needs no script and no network: axes
 * with ticks and labels, grid, dashed reference lines, one line per method (a NaN breaks it),
 * points with tooltips, error bars, vertical markers, and a legend under the plot. Each method's marks carry
 * {@code data-method}, so that a test can find them in the rendered page.
 */
final class SvgChart {

    /** An axis from {@code min} to {@code max}, with ticks at {@code ticks}, each labelled by {@code format}. */
    record Axis(String label, double min, double max, List<Double> ticks, DoubleFunction<String> format) {

        /** Ticks every {@code step} from {@code min} to {@code max}. */
        static Axis linear(String label, double min, double max, double step, DoubleFunction<String> format) {
            List<Double> ticks = new ArrayList<>();
            for (int k = 0; min + k * step <= max + step * 1e-9; k++) {
                ticks.add(min + k * step);
            }
            return new Axis(label, min, max, ticks, format);
        }
    }

    private static final int LEFT = 64;
    private static final int TOP = 40;
    private static final int BOTTOM = 310;
    private static final int HEIGHT = 392;

    private final String id;
    private final String title;
    private final int width;
    private final int right;
    private final Axis x;
    private final Axis y;
    private final StringBuilder marks = new StringBuilder();
    private final Map<String, String> legend = new LinkedHashMap<>();

    SvgChart(String id, String title, int width, Axis x, Axis y) {
        this.id = id;
        this.title = title;
        this.width = width;
        this.right = width - 36;
        this.x = x;
        this.y = y;
    }

    /** A dashed grey line with no method: chance, perfect calibration. */
    SvgChart reference(List<Point> points, String name) {
        marks.append(String.format(Locale.ROOT,
                "<polyline class=\"reference\" points=\"%s\" fill=\"none\" stroke=\"#9aa0a6\" stroke-width=\"1\" stroke-dasharray=\"4 4\"><title>%s</title></polyline>\n",
                coordinates(points), ReportPage.escape(name)));
        return this;
    }

    /** A method in the legend, in the order keyed; a method drawn without a key joins at the end. */
    SvgChart key(String method, String color) {
        legend.putIfAbsent(method, color);
        return this;
    }

    /** A method's line; a NaN value of y breaks it. */
    SvgChart line(String method, String color, List<Point> points) {
        legend.putIfAbsent(method, color);
        double width = EvaluationReport.ONLINE.equals(method) ? 2.5 : 1.6;
        List<Point> segment = new ArrayList<>();
        for (Point p : points) {
            if (Double.isFinite(p.y())) {
                segment.add(p);
            } else {
                polyline(method, color, width, segment);
                segment = new ArrayList<>();
            }
        }
        polyline(method, color, width, segment);
        return this;
    }

    /** A method's points, each with its tooltip ({@code tips}, in the same order); NaN values of y are left out. */
    SvgChart dots(String method, String color, List<Point> points, List<String> tips) {
        legend.putIfAbsent(method, color);
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (Double.isFinite(p.y())) {
                marks.append(String.format(Locale.ROOT,
                        "<circle class=\"point\" data-method=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.2\" fill=\"%s\"><title>%s</title></circle>\n",
                        ReportPage.escape(method), px(p.x()), py(p.y()), color, ReportPage.escape(tips.get(i))));
            }
        }
        return this;
    }

    /** A vertical bar from {@code low} to {@code high} at {@code at}, with caps. */
    SvgChart errorBar(String method, String color, double at, double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return this;
        }
        double cx = px(at);
        marks.append(String.format(Locale.ROOT,
                "<path class=\"interval\" data-method=\"%s\" d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\" stroke=\"%s\" stroke-width=\"1.2\" fill=\"none\"/>\n",
                ReportPage.escape(method), cx, py(low), py(high), cx - 4, py(low), cx + 4, cx - 4, py(high), cx + 4, color));
        return this;
    }

    /** A dashed vertical line across the plot at {@code at}, labelled at its top; the label may be empty (the tooltip stays). */
    SvgChart marker(String cssClass, double at, String label, String tooltip) {
        double cx = px(at);
        marks.append(String.format(Locale.ROOT,
                "<g class=\"%s\"><title>%s</title><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c0392b\" stroke-width=\"1\" stroke-dasharray=\"3 3\"/>",
                cssClass, ReportPage.escape(tooltip), cx, TOP, cx, BOTTOM));
        if (!label.isEmpty()) {
            marks.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#c0392b\" text-anchor=\"middle\">%s</text>",
                    cx, TOP - 3, ReportPage.escape(label)));
        }
        marks.append("</g>\n");
        return this;
    }

    String svg() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">\n",
                id, width, HEIGHT, width, HEIGHT, ReportPage.escape(title)));
        s.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"600\" fill=\"#1b1f24\">%s</text>\n", LEFT, ReportPage.escape(title)));
        s.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fbfbfc\" stroke=\"#d0d4d9\"/>\n", LEFT, TOP, right - LEFT, BOTTOM - TOP));
        for (double t : x.ticks()) {
            s.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eceef1\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#4a5057\" text-anchor=\"middle\">%s</text>\n",
                    px(t), TOP, px(t), BOTTOM, px(t), BOTTOM + 16, ReportPage.escape(x.format().apply(t))));
        }
        for (double t : y.ticks()) {
            s.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eceef1\"/><text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"#4a5057\" text-anchor=\"end\">%s</text>\n",
                    LEFT, py(t), right, py(t), LEFT - 6, py(t) + 4, ReportPage.escape(y.format().apply(t))));
        }
        s.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#1b1f24\" text-anchor=\"middle\">%s</text>\n",
                (LEFT + right) / 2, BOTTOM + 36, ReportPage.escape(x.label())));
        s.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%d\" font-size=\"12\" fill=\"#1b1f24\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>\n",
                (TOP + BOTTOM) / 2, (TOP + BOTTOM) / 2, ReportPage.escape(y.label())));
        s.append(marks);
        int lx = LEFT;
        for (Map.Entry<String, String> entry : legend.entrySet()) {
            s.append(String.format(Locale.ROOT,
                    "<g class=\"legend\" data-method=\"%s\"><rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#1b1f24\">%s</text></g>\n",
                    ReportPage.escape(entry.getKey()), lx, HEIGHT - 18, entry.getValue(), lx + 19, HEIGHT - 13, ReportPage.escape(entry.getKey())));
            lx += 30 + 7 * entry.getKey().length();
        }
        return s.append("</svg>\n").toString();
    }

    private void polyline(String method, String color, double width, List<Point> points) {
        if (points.isEmpty()) {
            return;
        }
        marks.append(String.format(Locale.ROOT,
                "<polyline class=\"series\" data-method=\"%s\" points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" stroke-linejoin=\"round\"/>\n",
                ReportPage.escape(method), coordinates(points), color, width));
    }

    private String coordinates(List<Point> points) {
        StringBuilder s = new StringBuilder();
        for (Point p : points) {
            s.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(p.x()), py(p.y())));
        }
        return s.toString().trim();
    }

    private double px(double value) {
        return LEFT + (value - x.min()) / (x.max() - x.min()) * (right - LEFT);
    }

    private double py(double value) {
        return BOTTOM - (value - y.min()) / (y.max() - y.min()) * (BOTTOM - TOP);
    }
}
