package io.intentflow.session;

import io.intentflow.model.SessionEvent;
import java.util.Arrays;

/**
 * The bounded, event-time-ordered ring of a session's most recent events. Rings are immutable
 * arrays (copy on write): they are at most a few dozen entries and live in window state, which
 * is serialized on every access anyway.
 */
final class SessionRing {

    private SessionRing() {}

    static boolean contains(SessionEvent[] ring, String eventId) {
        for (SessionEvent event : ring) {
            if (event.eventId().equals(eventId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Inserts in event-time order (after any event with the same time, so arrival order breaks
     * ties) and drops the oldest events beyond {@code capacity}.
     */
    static SessionEvent[] insert(SessionEvent[] ring, SessionEvent event, int capacity) {
        int at = ring.length;
        while (at > 0 && ring[at - 1].ts() > event.ts()) {
            at--;
        }
        SessionEvent[] grown = new SessionEvent[ring.length + 1];
        System.arraycopy(ring, 0, grown, 0, at);
        grown[at] = event;
        System.arraycopy(ring, at, grown, at + 1, ring.length - at);
        return keepNewest(grown, capacity);
    }

    /** Merges two time-ordered rings into one, keeping the newest {@code capacity} events. */
    static SessionEvent[] merge(SessionEvent[] a, SessionEvent[] b, int capacity) {
        SessionEvent[] merged = new SessionEvent[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            merged[k++] = a[i].ts() <= b[j].ts() ? a[i++] : b[j++];
        }
        while (i < a.length) {
            merged[k++] = a[i++];
        }
        while (j < b.length) {
            merged[k++] = b[j++];
        }
        return keepNewest(merged, capacity);
    }

    private static SessionEvent[] keepNewest(SessionEvent[] ring, int capacity) {
        return ring.length <= capacity
                ? ring
                : Arrays.copyOfRange(ring, ring.length - capacity, ring.length);
    }
}
