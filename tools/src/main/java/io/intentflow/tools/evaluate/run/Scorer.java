package io.intentflow.tools.evaluate.run;

import io.intentflow.OperatorIds;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.records.IntentScore;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.score.IntentScorer;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * The job's {@link IntentScorer}, taken from the job's graph, in Flink's keyed two-input harness: session updates on the first
 * input, model updates on the second (the job's broadcast). It scores in its own micro-batches and
 * flushes before it applies a model update, so each update is scored by the model that was live
 * when it arrived; its scores come out in the order the updates went in.
 */
final class Scorer implements AutoCloseable {

    private final KeyedTwoInputStreamOperatorTestHarness<String, SessionSnapshot, ModelUpdate, IntentScore> harness;

    /** @param job the job's graph, whose scorer starts from its {@code model.path} */
    Scorer(JobGraph job) throws Exception {
        harness = job.keyedTwoInputHarness(OperatorIds.SCORER);
        harness.open();
    }

    List<IntentScore> score(StreamRecord<SessionSnapshot> update) throws Exception {
        harness.processElement1(update);
        return HarnessOutput.values(harness.getOutput());
    }

    List<IntentScore> apply(ModelUpdate update) throws Exception {
        harness.processElement2(new StreamRecord<>(update));
        return HarnessOutput.values(harness.getOutput());
    }

    /** Scores what waits in the batch (the scorer flushes before a watermark), and drops sessions that ended. */
    List<IntentScore> advance(long watermark) throws Exception {
        harness.processWatermark1(new Watermark(watermark));
        return HarnessOutput.values(harness.getOutput());
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
