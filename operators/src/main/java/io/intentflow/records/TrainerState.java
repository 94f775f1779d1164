package io.intentflow.records;

import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.training.LabelledSessionCodec;
import java.util.List;

/**
 * Everything the trainer must not lose: the live parameters and optimizer state, the version
 * counter, the replay reservoir, the gate's held-back examples and every example not yet trained
 * on (waiting for a round, or in the round that was running).
 *
 * <p>The reservoir and the gate window (up to 6,000 featurized examples at the defaults) are in
 * {@link LabelledSessionCodec}'s compact form, encoded after each round off the task thread: a
 * checkpoint copies and writes two byte arrays instead of thousands of nested records.
 *
 * @param configHash the network the parameters belong to ({@code NetworkConfig.hash()})
 * @param updaterState Adam's state; empty for an optimizer that starts afresh
 * @param replay the replay reservoir, {@link LabelledSessionCodec} form
 * @param gate the gate window, {@link LabelledSessionCodec} form
 * @param waiting the examples not yet trained on, as the label joiner sent them
 */
public record TrainerState(
        long version,
        String configHash,
        float[] params,
        float[] updaterState,
        long examplesSeen,
        byte[] replay,
        byte[] gate,
        LabelledExample[] waiting) {

    /** A trainer that starts from {@code model}, as the job's {@code model.path} starts it: nothing learned yet. */
    public static TrainerState startingFrom(ModelUpdate model) {
        byte[] none = LabelledSessionCodec.encode(List.of());
        return new TrainerState(model.version(), model.configHash(), model.params(), new float[0], 0, none, none, new LabelledExample[0]);
    }

    /** This state with {@code waiting} as the examples not yet trained on. */
    public TrainerState withWaiting(LabelledExample[] waiting) {
        return new TrainerState(version, configHash, params, updaterState, examplesSeen, replay, gate, waiting);
    }
}
