package io.intentflow.records;

/**
 * How the event that triggered a session update changed the session. The scorer advances its
 * carried state one step on {@link #APPENDED} and recomputes from the ring otherwise.
 */
public enum SessionChange {
    /** The event is the newest of the session: the ring grew at its end. */
    APPENDED,
    /** The event arrived out of event-time order and went into the middle of the ring. */
    INSERTED,
    /** The event bridged two or more sessions, which were merged with their rings in time order. */
    MERGED,
    /** The event's id was already in the ring (a producer retry); it was counted, not added. */
    DUPLICATE
}
