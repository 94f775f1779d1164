package io.intentflow.records;

/**
 * A session prefix with its outcome: whether the user bought within the horizon after it.
 *
 * @param labelTs event time at which the label became known: the purchase, or the horizon's end
 */
public record LabelledExample(SessionPrefix prefix, boolean purchased, long labelTs) {}
