package io.intentflow.tools.datasets;

/**
 * One record read from a dataset: a click for the {@code clicks} topic or an order for {@code
 * purchases}, both keyed by their user.
 */
public sealed interface DatasetRecord permits DatasetClick, DatasetOrder {

    String userId();

    /** Event time, epoch milliseconds. */
    long ts();
}
