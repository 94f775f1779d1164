package io.intentflow.tools.datasets;

import java.util.List;

/**
 * An order of the {@code purchases} contract, field for field; {@code orderId} is made like a
 * click's event id (the {@code intentflow} format keeps the record's own).
 */
public record DatasetOrder(String orderId, String userId, long ts, double amount, List<String> items) implements DatasetRecord {}
