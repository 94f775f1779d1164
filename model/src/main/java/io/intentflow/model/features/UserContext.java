package io.intentflow.model.features;

import java.io.Serializable;

/**
 * What a user had done before a session began: the history its events are featurized with
 * under {@link FeatureSet#USER}. Fixed for the whole session, so replaying its ring gives the
 * same inputs as stepping through it, and every training prefix carries what the scorer saw.
 *
 * @param orders purchases before the session
 * @param lastOrderTs event time of the latest of them; meaningless when {@code orders} is 0
 * @param lastOrderValue its value (the purchase event's price); 0 where the data has none
 * @param sessions sessions before this one
 * @param lastSessionTs event time of the previous session's last event; meaningless when
 *     {@code sessions} is 0
 */
public record UserContext(int orders, long lastOrderTs, double lastOrderValue, int sessions, long lastSessionTs)
        implements Serializable {

    /** A user seen for the first time. */
    public static final UserContext NEW = new UserContext(0, 0L, 0.0, 0, 0L);
}
