package io.intentflow.savepoints;

import io.intentflow.learn.Trainer;
import io.intentflow.records.TrainerState;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.state.api.functions.StateBootstrapFunction;

/** Writes the trainer's operator state, as {@link Trainer} keeps it. */
class TrainerStateWriter extends StateBootstrapFunction<TrainerState> {

    private static final long serialVersionUID = 1L;

    private transient ListState<TrainerState> state;
    private transient TrainerState latest;

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getListState(Trainer.STATE);
    }

    @Override
    public void processElement(TrainerState value, Context context) {
        latest = value;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        if (latest != null) {
            state.update(List.of(latest));
        }
    }
}
