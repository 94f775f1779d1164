package io.intentflow.tools.evaluate.metrics;

/** A confidence interval; both ends NaN when it cannot be estimated. */
public record Interval(double low, double high) {

    public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);
}
