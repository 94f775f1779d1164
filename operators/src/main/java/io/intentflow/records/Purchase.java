package io.intentflow.records;

/** One order of the {@code purchases} topic: the label stream. */
public record Purchase(
        String orderId, String userId, long ts, double amount, String[] items, RecordOrigin origin) {}
