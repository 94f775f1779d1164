package io.intentflow.records;

import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.training.LabelledSession;

/**
 * A session prefix with its outcome: whether the user bought within the horizon after it, and
 * for how much.
 *
 * @param labelTs event time at which the label became known: the purchase, or the horizon's end
 * @param orderValue the purchase's amount (the order's {@code amount}, else the purchase click's
 *     {@code price}); NaN for a negative or an amount the data does not have. Examples written
 *     before the value head restore with 0: no known value either
 */
public record LabelledExample(SessionPrefix prefix, boolean purchased, long labelTs, double orderValue) {

    /** A negative: the horizon passed without a purchase. */
    public static LabelledExample negative(SessionPrefix prefix, long deadline) {
        return new LabelledExample(prefix, false, deadline, Double.NaN);
    }

    /** A positive, labelled by a purchase at {@code purchaseTs} of {@code amount} (0 or NaN: not known). */
    public static LabelledExample positive(SessionPrefix prefix, long purchaseTs, double amount) {
        return new LabelledExample(prefix, true, purchaseTs, amount > 0 ? amount : Double.NaN);
    }

    /** The example as the trainer learns from it: its prefix's inputs under {@code features}, its labels. */
    public LabelledSession featurized(FeatureSet features) {
        return new LabelledSession(prefix.features(features), purchased, orderValue, (prefix.userId() + "/" + prefix.sessionId()).hashCode());
    }
}
