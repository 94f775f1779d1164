package io.intentflow.savepoints;

import io.intentflow.OperatorIds;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.records.TrainerState;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Writes a new savepoint in which the job's scorer and trainer start from a given model: the
 * scorer's broadcast state holds it, and the trainer's state is the trainer's own start from it
 * ({@link TrainerState#startingFrom}). Every other operator starts empty on restore.
 */
public final class SavepointBootstrapper {

    private SavepointBootstrapper() {}

    /**
     * @param maxParallelism the operators' max parallelism: the job's {@code pipeline.max-parallelism}
     *     if it sets one, else any value at least the job's parallelism (a restore adopts it)
     */
    public static void write(ModelUpdate model, int maxParallelism, String out) throws Exception {
        StreamExecutionEnvironment env = LocalFlink.environment();
        StateBootstrapTransformation<ModelUpdate> scorer =
                OperatorTransformation.bootstrapWith(env.fromData(List.of(model), TypeInformation.of(ModelUpdate.class)))
                        .transform(new LiveModelWriter());
        StateBootstrapTransformation<TrainerState> trainer =
                OperatorTransformation.bootstrapWith(
                                env.fromData(List.of(TrainerState.startingFrom(model)), TypeInformation.of(TrainerState.class)))
                        .transform(new TrainerStateWriter());
        SavepointWriter.newSavepoint(env, new HashMapStateBackend(), maxParallelism)
                .withOperator(OperatorIdentifier.forUid(OperatorIds.SCORER), scorer)
                .withOperator(OperatorIdentifier.forUid(OperatorIds.TRAINER), trainer)
                .write(out);
        env.execute("Bootstrap a savepoint from model version " + model.version());
    }
}
