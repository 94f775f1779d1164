package io.intentflow.records;

import io.intentflow.model.EventType;

/**
 * One validated event of the {@code clicks} topic. {@code price} is 0 where the event has none
 * (search); {@code itemId}, {@code categoryId} and {@code query} may be null.
 */
public record Click(
        String eventId,
        String userId,
        EventType type,
        String itemId,
        String categoryId,
        double price,
        String query,
        long ts,
        RecordOrigin origin) {}
