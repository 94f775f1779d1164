package io.intentflow.learn;

import io.intentflow.RestoredModelCheck;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.TrainerState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the trainer starts: the state a checkpoint restored, else the job's initial model, else
 * random weights as version 0. The version counter never goes below the initial model's.
 */
final class TrainerStart {

    private TrainerStart() {}

    /** @param initialModel the job's model file; may be null */
    static TrainerState of(Iterable<TrainerState> restored, ModelUpdate initialModel, NetworkConfig network) {
        TrainerState start = null;
        long version = initialModel == null ? 0 : initialModel.version();
        List<LabelledExample> untrained = new ArrayList<>();
        for (TrainerState stored : restored) {
            TrainerState state = stored.withAbsentAsEmpty().inLayoutOf(network);
            RestoredModelCheck.requireConfigured("trainer", state.version(), state.configHash(), network);
            start = state;
            version = Math.max(version, state.version());
            untrained.addAll(Arrays.asList(state.untrained()));
        }
        if (start == null) {
            start = TrainerState.startingFrom(
                    initialModel != null ? initialModel : new ModelUpdate(0, 0, network.hash(), 0, IntentNetwork.create(network, 1).params(), ""));
        }
        return new TrainerState(
                version, start.configHash(), start.params(), start.updaterState(), start.examplesSeen(), start.compactReplay(),
                start.compactGate(), untrained.toArray(LabelledExample[]::new), start.shadowParams(), start.shadowEvidence(),
                start.learningParams(), start.learningUpdaterState());
    }
}
