package io.intentflow.model.training;

import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.features.UserContext;
import java.util.List;
import java.util.Optional;

/**
 * A training example: a session prefix's features and whether the session went on to a
 * purchase. Built so that a purchase never leaks into its own features: the prefix ends before
 * the first purchase event.
 *
 * @param features [events][features] of the prefix, at least one event
 * @param purchased whether a purchase followed the prefix in its session
 */
public record LabelledSession(float[][] features, boolean purchased) {

    /**
     * The example of a whole session: its events up to (not including) its first purchase,
     * labelled by whether there was one. Empty when the session starts with a purchase.
     */
    public static Optional<LabelledSession> of(List<SessionEvent> events, int firstPosition) {
        return of(events, firstPosition, FeatureSet.SESSION, null);
    }

    /** As {@link #of(List, int)}, with the inputs of {@code features} for a user of history {@code user}. */
    public static Optional<LabelledSession> of(List<SessionEvent> events, int firstPosition, FeatureSet features, UserContext user) {
        int end = events.size();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type() == EventType.PURCHASE) {
                end = i;
                break;
            }
        }
        if (end == 0) {
            return Optional.empty();
        }
        return Optional.of(
                new LabelledSession(features.featurize(events.subList(0, end), firstPosition, user), end < events.size()));
    }
}
