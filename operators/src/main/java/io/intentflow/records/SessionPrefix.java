package io.intentflow.records;

import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.features.UserContext;
import java.util.Arrays;

/**
 * A session as it stood after one of its events: the input of one training example.
 *
 * @param events the session's ring then, in event-time order
 * @param firstPosition the position in the session of {@code events[0]}
 * @param prefixTs event time of the prefix's last event
 * @param user the user's history before the session, as the scorer saw it; null when the job
 *     runs the session's features only (and in prefixes restored from before it existed)
 */
public record SessionPrefix(
        String userId, String sessionId, SessionEvent[] events, int firstPosition, long prefixTs, UserContext user) {

    /** A prefix without user history. */
    public SessionPrefix(String userId, String sessionId, SessionEvent[] events, int firstPosition, long prefixTs) {
        this(userId, sessionId, events, firstPosition, prefixTs, null);
    }

    /** The prefix's inputs under {@code features}: the same featurizer, and history, the scorer used. */
    public float[][] features(FeatureSet features) {
        return features.featurize(Arrays.asList(events), firstPosition, user);
    }
}
