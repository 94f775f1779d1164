package io.intentflow.records;

import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.UserContext;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A user's session as of its latest event: what the session window emits on every event.
 *
 * <p>{@code sessionId} is {@code <userId>-<event time of the first event seen>} and stays the
 * same for the life of the session; when sessions merge, the one that started earlier gives its
 * id. {@code recent} holds the last {@code session.ring-size} distinct events in event-time
 * order. {@code events} counts distinct events, {@code duplicates} the repeats of an id still in
 * the ring. {@code typeCounts} is indexed by {@link EventType#ordinal()}; {@code cartValue} sums
 * add-to-cart prices minus removals. {@code user} is the user's history before the session, set
 * by the sessionizer under {@code model.features: user} and null otherwise (and always null in
 * the window's own state).
 *
 * <p>Serialized by {@link SessionSnapshotSerializer}, not as a POJO: it is on the hot path.
 */
@TypeInfo(SessionSnapshotTypeInfo.Factory.class)
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
        UserContext user) {

    /** This snapshot with the user's history before the session attached. */
    public SessionSnapshot withUser(UserContext history) {
        return new SessionSnapshot(
                sessionId, userId, events, duplicates, startTs, lastTs, triggerEventId, change, typeCounts, cartValue, recent, history);
    }

    public int count(EventType type) {
        return typeCounts[type.ordinal()];
    }

    /** The newest event in the ring. */
    public SessionEvent latest() {
        return recent[recent.length - 1];
    }

    /**
     * The event this update is for: the newest one, unless it arrived out of order; the newest
     * when it is no longer in the ring.
     */
    public SessionEvent trigger() {
        for (int i = recent.length - 1; i >= 0; i--) {
            if (recent[i].eventId().equals(triggerEventId)) {
                return recent[i];
            }
        }
        return latest();
    }
}
