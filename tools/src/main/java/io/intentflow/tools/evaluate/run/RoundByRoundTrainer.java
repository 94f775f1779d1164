package io.intentflow.tools.evaluate.run;

import io.intentflow.OperatorIds;
import io.intentflow.learn.Trainer;
import io.intentflow.learn.TrainerSettings;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.records.LabelledExample;
import java.util.List;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.api.transformations.TwoInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * The job's trainer, taken from the job's graph, in Flink's operator harness, made deterministic: a round starts when {@code
 * train.every} examples have arrived (the harness's processing time never moves, so {@code
 * train.interval} never starts one), runs on the trainer's own thread as in the job, and the next
 * example is not sent before its outcome has come back through the mailbox. What a round trains
 * on, and at which point of the stream its version goes live, therefore depends on the data
 * alone, not on how fast the machine trains.
 */
final class RoundByRoundTrainer implements AutoCloseable {

    private final TrainerHarness harness;
    private final int every;
    private int sinceRound;
    private int rounds;

    /**
     * @param job the job's graph, whose trainer starts from its {@code model.path}; with {@code
     *     train.cpu-share} 1, as a trainer waited for needs no rest after a round
     */
    @SuppressWarnings("unchecked")
    RoundByRoundTrainer(JobGraph job) throws Exception {
        TrainerSettings settings = job.settings().training()
                .orElseThrow(() -> new IllegalArgumentException("evaluate measures online learning: train.enabled and score.enabled must be true"));
        if (settings.cpuShare() != 1.0) {
            throw new IllegalArgumentException("a trainer driven round by round rests for nothing: train.cpu-share must be 1, got " + settings.cpuShare());
        }
        TwoInputTransformation<LabelledExample, ModelUpdate, ModelUpdate> trainer = job.operator(OperatorIds.TRAINER);
        harness = new TrainerHarness((StreamOperatorFactory<ModelUpdate>) trainer.getOperatorFactory());
        harness.setProcessingTime(0);
        harness.open();
        every = settings.every();
    }

    /** @return the version the example's round published, if it completed one */
    List<ModelUpdate> learn(LabelledExample example) throws Exception {
        harness.trainer().processElement1(new StreamRecord<>(example));
        if (++sinceRound < every) {
            return List.of();
        }
        // A round started with this example: its outcome is the one mail it sends.
        harness.getTaskMailbox().take(TaskMailbox.MIN_PRIORITY).run();
        sinceRound = 0;
        rounds++;
        return HarnessOutput.values(harness.getOutput());
    }

    int rounds() {
        return rounds;
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }

    /** The trainer's examples input in Flink's operator harness, which has no two-input form for an operator factory; no model updates come from outside here. */
    private static final class TrainerHarness extends AbstractStreamOperatorTestHarness<ModelUpdate> {

        TrainerHarness(StreamOperatorFactory<ModelUpdate> factory) throws Exception {
            super(factory, new MockEnvironmentBuilder().build());
        }

        Trainer trainer() {
            return (Trainer) operator;
        }
    }
}
