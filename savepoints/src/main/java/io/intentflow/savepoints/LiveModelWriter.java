package io.intentflow.savepoints;

import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.score.IntentScorer;
import org.apache.flink.state.api.functions.BroadcastStateBootstrapFunction;

/** Writes the scorer's broadcast state: the model every scoring task starts from. */
class LiveModelWriter extends BroadcastStateBootstrapFunction<ModelUpdate> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(ModelUpdate model, Context context) throws Exception {
        context.getBroadcastState(IntentScorer.LIVE_MODEL).put(IntentScorer.LIVE, model);
    }
}
