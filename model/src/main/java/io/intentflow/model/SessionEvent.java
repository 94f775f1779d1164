package io.intentflow.model;

/**
 * One event as a session remembers it in its ring, and as the model reads it: what the
 * featurizer needs, nothing more.
 */
public record SessionEvent(
        String eventId, EventType type, long ts, String itemId, String categoryId, double price) {}
