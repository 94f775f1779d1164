package io.intentflow.records;

import io.intentflow.model.SessionEvent;
import io.intentflow.model.EventType;

/**
 * A user's session as of its latest event: the session window's accumulator and its output.
 *
 * <p>{@code sessionId} is {@code <userId>-<event time of the first event seen>} and stays the
 * same for the life of the session; when sessions merge, the one that started earlier gives its
 * id. {@code recent} holds the last {@code session.ring-size} distinct events in event-time
 * order. {@code events} counts distinct events, {@code duplicates} the repeats of an id still in
 * the ring. {@code typeCounts} is indexed by {@link EventType#ordinal()}; {@code cartValue} sums
 * add-to-cart prices minus removals.
 *
 * <p>{@code mergePending} is internal to the aggregate: set by a merge and consumed by the add
 * that always follows it, so it is false in every emitted snapshot.
 */
public record SessionSnapshot(
        String sessionId,
        String userId,
        int events,
        int duplicates,
        long startTs,
        long lastTs,
        String triggerEventId,
        SessionChange change,
        int[] typeCounts,
        double cartValue,
        SessionEvent[] recent,
        boolean mergePending) {

    public static SessionSnapshot empty() {
        return new SessionSnapshot(
                null,
                null,
                0,
                0,
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                null,
                null,
                new int[EventType.count()],
                0.0,
                new SessionEvent[0],
                false);
    }

    public boolean isEmpty() {
        return events == 0;
    }

    public int count(EventType type) {
        return typeCounts[type.ordinal()];
    }

    /** The newest event in the ring. */
    public SessionEvent latest() {
        return recent[recent.length - 1];
    }
}
