package io.intentflow.tools.evaluate;

import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.records.SessionChange;
import io.intentflow.records.SessionSnapshot;

/**
 * One event as one method scored it: the evaluation's whole input is a list of these per method,
 * the same events for every method.
 *
 * @param eventsSeen the session's length after this event (the scorer's {@code events}): what the
 *     by-events buckets group on, and where the Coveo measure finds a session's first add-to-cart
 * @param eventTs event time of the event
 * @param type the event's type; never {@code PURCHASE}, which is not scored
 * @param score the method's purchase-intent score, a probability in [0, 1]
 * @param label whether the same user bought strictly after this event, within {@code label.horizon}
 * @param modelVersion the model version that made the score; 0 for a method without versions
 */
public record ScoredEvent(
        String userId,
        String sessionId,
        int eventsSeen,
        long eventTs,
        EventType type,
        double score,
        boolean label,
        long modelVersion) {

    /** The scored event of a session update, as the job's scorer sees it. */
    public static ScoredEvent of(SessionSnapshot update, double score, boolean label, long modelVersion) {
        SessionEvent event = update.trigger();
        return new ScoredEvent(
                update.userId(), update.sessionId(), update.events(), event.ts(), event.type(), score, label, modelVersion);
    }

    /** The same event as another method scored it. */
    public ScoredEvent withScore(double otherScore, long otherVersion) {
        return new ScoredEvent(userId, sessionId, eventsSeen, eventTs, type, otherScore, label, otherVersion);
    }

    /**
     * Whether the evaluation scores this update at all: a purchase is what the others predict, and
     * a duplicate (a producer retry) only repeats the score of its original.
     */
    public static boolean isScored(SessionSnapshot update) {
        return update.change() != SessionChange.DUPLICATE && update.trigger().type() != EventType.PURCHASE;
    }
}
