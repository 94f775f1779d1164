package io.intentflow.model.training;

import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.features.UserContext;
import java.util.List;
import java.util.Optional;

/**
 * A training example: a session prefix's features, whether a purchase followed it, and what the
 * purchase was worth where that is known. A purchase never leaks into its own features: the
 * prefix ends before the purchase that labels it (an earlier one may be among its inputs).
 *
 * @param features [events][features] of the prefix, at least one event
 * @param purchased whether a purchase followed the prefix in its session
 * @param orderValue the purchase's amount; NaN when there was none or the data has no amounts
 * @param sessionKey the same for every prefix of one session, so the trainer holds them out
 *     together ({@link FineTuner}); 0 where not known
 */
public record LabelledSession(float[][] features, boolean purchased, double orderValue, int sessionKey) {

    /** An example without a known order value or session. */
    public LabelledSession(float[][] features, boolean purchased) {
        this(features, purchased, Double.NaN, 0);
    }

    /** The same example with one more input, 0 at every event, at {@code column}: the features of a layout that lacked it. */
    public LabelledSession withInputAt(int column) {
        float[][] widened = new float[features.length][];
        for (int t = 0; t < features.length; t++) {
            widened[t] = new float[features[t].length + 1];
            System.arraycopy(features[t], 0, widened[t], 0, column);
            System.arraycopy(features[t], column, widened[t], column + 1, features[t].length - column);
        }
        return new LabelledSession(widened, purchased, orderValue, sessionKey);
    }

    /** Whether the value head learns from this example: a purchase with a positive amount. */
    public boolean hasOrderValue() {
        return purchased && orderValue > 0;
    }

    /**
     * The example of a whole session: its events up to (not including) its first purchase,
     * labelled by whether there was one, and by the purchase click's price. Empty when the session starts with a purchase.
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
        boolean purchased = end < events.size();
        return Optional.of(new LabelledSession(
                features.featurize(events.subList(0, end), firstPosition, user), purchased, purchased ? events.get(end).price() : Double.NaN,
                events.get(0).eventId().hashCode()));
    }
}
