package io.intentflow.tools.evaluate.metrics;

/** A point of a curve. */
public record Point(double x, double y) {}
