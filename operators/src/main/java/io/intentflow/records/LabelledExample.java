package io.intentflow.records;

import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.training.LabelledSession;

/**
 * A session prefix with its outcome: whether the user bought within the horizon after it.
 *
 * @param labelTs event time at which the label became known: the purchase, or the horizon's end
 */
public record LabelledExample(SessionPrefix prefix, boolean purchased, long labelTs) {

    /** The example as the trainer learns from it: its prefix's inputs under {@code features}, its label. */
    public LabelledSession featurized(FeatureSet features) {
        return new LabelledSession(prefix.features(features), purchased);
    }
}
