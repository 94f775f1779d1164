package io.intentflow.records;

import io.intentflow.model.EventType;

/** One event as a session remembers it in its ring: what the scorer needs, nothing more. */
public record SessionEvent(
        String eventId, EventType type, long ts, String itemId, String categoryId, double price) {

    public static SessionEvent of(Click click) {
        return new SessionEvent(
                click.eventId(),
                click.type(),
                click.ts(),
                click.itemId(),
                click.categoryId(),
                click.price());
    }
}
