package io.intentflow.tools.evaluate.run;

import io.intentflow.OperatorIds;
import io.intentflow.learn.LabelJoiner;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.Purchase;
import io.intentflow.records.SessionSnapshot;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/** The job's {@link LabelJoiner}, taken from the job's graph, in Flink's keyed two-input harness: session updates and purchases in, labelled examples out. */
final class Labeller implements AutoCloseable {

    private final KeyedTwoInputStreamOperatorTestHarness<String, SessionSnapshot, Purchase, LabelledExample> harness;

    Labeller(JobGraph job) throws Exception {
        harness = job.keyedTwoInputHarness(OperatorIds.LABEL_JOINER);
        harness.open();
    }

    List<LabelledExample> session(StreamRecord<SessionSnapshot> update) throws Exception {
        harness.processElement1(update);
        return HarnessOutput.values(harness.getOutput());
    }

    List<LabelledExample> purchase(Purchase purchase) throws Exception {
        harness.processElement2(new StreamRecord<>(purchase, purchase.ts()));
        return HarnessOutput.values(harness.getOutput());
    }

    /** Both inputs' watermark: prefixes past their horizon go out as negatives. */
    List<LabelledExample> advance(long watermark) throws Exception {
        harness.processWatermark1(new Watermark(watermark));
        harness.processWatermark2(new Watermark(watermark));
        return HarnessOutput.values(harness.getOutput());
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
