package io.intentflow.learn;

import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.records.LabelledExample;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperatorFactory;

/** Builds the {@link Trainer} with its task's mailbox, through which rounds hand back their outcome. */
public final class TrainerFactory extends AbstractStreamOperatorFactory<ModelUpdate>
        implements TwoInputStreamOperatorFactory<LabelledExample, ModelUpdate, ModelUpdate> {

    private static final long serialVersionUID = 1L;

    private final TrainerSettings settings;
    private final ModelUpdate initialModel;

    /** @param initialModel the model to start from when nothing is restored; null: random weights, version 0 */
    public TrainerFactory(TrainerSettings settings, ModelUpdate initialModel) {
        this.settings = settings;
        this.initialModel = initialModel;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends StreamOperator<ModelUpdate>> T createStreamOperator(StreamOperatorParameters<ModelUpdate> parameters) {
        return (T) new Trainer(parameters, settings, initialModel);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
        return Trainer.class;
    }
}
