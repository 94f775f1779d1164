package io.intentflow.model.features;

import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import java.io.Serializable;

/**
 * A user's history as it grows, event by event: what the sessionizer keeps per user (and the
 * pretrainer per simulated user) to give each session its {@link UserContext}. O(1) per event.
 *
 * <p>A session is the user's newest when it starts after the newest one's last event (sessions
 * are separated by the gap); it then takes the history so far as its context. Events of the
 * newest session, of one merged into it, or of an older one still open (out of order) keep the
 * newest session's context. Purchase events count as orders once they are seen, so a session's
 * own purchases never appear in its own context.
 *
 * @param orders purchase events seen
 * @param lastOrderTs event time of the latest of them
 * @param lastOrderValue its price
 * @param sessions sessions started
 * @param newestLastTs event time of the newest session's latest event
 * @param newest the newest session's context
 */
public record UserHistory(
        int orders, long lastOrderTs, double lastOrderValue, int sessions, long newestLastTs, UserContext newest)
        implements Serializable {

    public static final UserHistory NONE = new UserHistory(0, 0L, 0.0, 0, 0L, UserContext.NEW);

    /**
     * The history after {@code event}, a new (not duplicate) event of the session that starts at
     * {@code sessionStartTs}; its session's context is then {@link #newest()}.
     */
    public UserHistory observe(long sessionStartTs, SessionEvent event) {
        int sessionsNow = sessions;
        long lastTs = newestLastTs;
        UserContext context = newest;
        if (sessions == 0 || sessionStartTs > newestLastTs) {
            context = new UserContext(orders, lastOrderTs, lastOrderValue, sessions, newestLastTs);
            sessionsNow++;
            lastTs = event.ts();
        } else {
            lastTs = Math.max(lastTs, event.ts());
        }
        if (event.type() != EventType.PURCHASE) {
            return new UserHistory(orders, lastOrderTs, lastOrderValue, sessionsNow, lastTs, context);
        }
        boolean latest = orders == 0 || event.ts() >= lastOrderTs;
        return new UserHistory(
                orders + 1,
                latest ? event.ts() : lastOrderTs,
                latest ? event.price() : lastOrderValue,
                sessionsNow,
                lastTs,
                context);
    }
}
