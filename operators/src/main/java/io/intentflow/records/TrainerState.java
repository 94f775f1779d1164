package io.intentflow.records;

import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.network.NetworkConfig.EarlierLayout;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.training.LabelledSessionCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Everything the trainer must not lose: the live parameters and optimizer state, the learning
 * line where it is ahead of them (a candidate the gate refused, {@code FineTuner}), the version
 * counter, the replay reservoir, the gate's held-back examples and every example not yet trained
 * on (waiting for a round, or in the round that was running), and the shadow on trial, if any
 * ({@code train.shadow}).
 *
 * <p>The reservoir and the gate window (up to 6,000 featurized examples at the defaults) are in
 * {@link LabelledSessionCodec}'s compact form, encoded after each round off the task thread: a
 * checkpoint copies and writes two byte arrays instead of thousands of nested records.
 *
 * @param configHash the network the parameters belong to ({@code NetworkConfig.hash()})
 * @param updaterState Adam's state; empty for an optimizer that starts afresh
 * @param compactReplay the replay reservoir, {@link LabelledSessionCodec} form
 * @param compactGate the gate window, {@link LabelledSessionCodec} form
 * @param untrained the examples not yet trained on, as the label joiner sent them
 * @param shadowParams the parameters of the shadow on trial; empty when none is
 * @param shadowEvidence the gate's evidence for the shadow (JSON); empty when none is on trial
 * @param learningParams the parameters the next round trains from; empty when they are the live ones
 * @param learningUpdaterState their optimizer's state; empty when the learning line is the live network
 */
public record TrainerState(
        long version,
        String configHash,
        float[] params,
        float[] updaterState,
        long examplesSeen,
        byte[] compactReplay,
        byte[] compactGate,
        LabelledExample[] untrained,
        float[] shadowParams,
        String shadowEvidence,
        float[] learningParams,
        float[] learningUpdaterState) {

    private static final byte[] NO_SESSIONS = LabelledSessionCodec.encode(List.of());
    private static final LabelledExample[] NO_EXAMPLES = new LabelledExample[0];
    private static final float[] NONE = new float[0];

    /** A trainer that starts from {@code model}, as the job's {@code model.path} starts it: nothing learned yet. */
    public static TrainerState startingFrom(ModelUpdate model) {
        return new TrainerState(model.version(), model.configHash(), model.params(), NONE, 0, NO_SESSIONS, NO_SESSIONS, NO_EXAMPLES, NONE, "", NONE, NONE);
    }

    /** This state with {@code untrained} as the examples not yet trained on. */
    public TrainerState withUntrained(LabelledExample[] untrained) {
        return new TrainerState(
                version, configHash, params, updaterState, examplesSeen, compactReplay, compactGate, untrained, shadowParams, shadowEvidence,
                learningParams, learningUpdaterState);
    }

    /** Whether learning goes on from a network other than the live one. */
    public boolean learningAhead() {
        return learningParams.length > 0;
    }

    /** Whether a shadow is on trial. */
    public boolean hasShadow() {
        return shadowParams.length > 0;
    }

    /**
     * This state with {@code update}'s parameters and version live: a version adopted from outside.
     * A shadow on trial is dropped, and learning starts again from the adopted version: both came
     * from the model it replaced.
     */
    public TrainerState adopting(ModelUpdate update) {
        return new TrainerState(
                update.version(), configHash, update.params(), updaterState, examplesSeen, compactReplay, compactGate, untrained, NONE, "",
                NONE, NONE);
    }

    /**
     * This state as a network of {@code config} holds it: itself, or, for a state of the same
     * network in an earlier layout ({@link NetworkConfig#earlierLayout}), its live, shadow and
     * learning parameters in the current one, Adam starting afresh (its moments have the old
     * layout), and the replay reservoir's and gate window's examples with the input the layout
     * lacked at 0: exact, as that layout's label joiner took no prefix with a purchase in it.
     * Anything else is returned as it is, for the restore check to refuse.
     */
    public TrainerState inLayoutOf(NetworkConfig config) {
        Optional<EarlierLayout> earlier = config.earlierLayout(configHash);
        if (earlier.isEmpty()) {
            return this;
        }
        EarlierLayout layout = earlier.get();
        float[] shadow = hasShadow() ? IntentNetwork.inCurrentLayout(config, layout, shadowParams) : NONE;
        float[] learning = learningAhead() ? IntentNetwork.inCurrentLayout(config, layout, learningParams) : NONE;
        return new TrainerState(
                version, config.hash(), IntentNetwork.inCurrentLayout(config, layout, params), NONE, examplesSeen,
                withPurchaseCount(compactReplay), withPurchaseCount(compactGate), untrained, shadow, shadowEvidence, learning, NONE);
    }

    private static byte[] withPurchaseCount(byte[] compact) {
        try {
            return LabelledSessionCodec.encode(LabelledSessionCodec.decode(compact).stream()
                    .map(example -> example.withInputAt(EventFeaturizer.PURCHASE_COUNT))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("a trainer state's examples could not be read", e);
        }
    }

    /**
     * This state with nothing in what it lacks. A state from before the compact form (a savepoint
     * taken before issue 10) restores without the three example fields, whose type changed, as
     * the POJO serializer drops removed fields: its model, optimizer and counters carry over, and
     * the replay reservoir, gate window and waiting examples start empty. A state from before
     * shadow mode (issue 13) has no shadow fields: no shadow is on trial. A state from before the
     * learning line has none: learning goes on from the live network.
     */
    public TrainerState withAbsentAsEmpty() {
        return new TrainerState(
                version, configHash, params, updaterState, examplesSeen,
                compactReplay == null ? NO_SESSIONS : compactReplay,
                compactGate == null ? NO_SESSIONS : compactGate,
                untrained == null ? NO_EXAMPLES : untrained,
                shadowParams == null ? NONE : shadowParams,
                shadowEvidence == null ? "" : shadowEvidence,
                learningParams == null ? NONE : learningParams,
                learningUpdaterState == null ? NONE : learningUpdaterState);
    }
}
