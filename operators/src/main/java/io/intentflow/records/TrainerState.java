package io.intentflow.records;

import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.training.LabelledSession;

/**
 * Everything the trainer must not lose: the live parameters and optimizer state, the version
 * counter, the replay reservoir, the gate's held-back examples and the examples waiting for the
 * next round.
 *
 * @param configHash the network the parameters belong to ({@code NetworkConfig.hash()})
 * @param updaterState Adam's state; empty for an optimizer that starts afresh
 */
public record TrainerState(
        long version,
        String configHash,
        float[] params,
        float[] updaterState,
        long examplesSeen,
        LabelledSession[] replay,
        LabelledSession[] gate,
        LabelledSession[] waiting) {

    /** A trainer that starts from {@code model}, as the job's {@code model.path} starts it: nothing learned yet. */
    public static TrainerState startingFrom(ModelUpdate model) {
        LabelledSession[] none = new LabelledSession[0];
        return new TrainerState(model.version(), model.configHash(), model.params(), new float[0], 0, none, none, none);
    }
}
