package io.intentflow.tools.evaluate.run;

import io.intentflow.OperatorIds;
import io.intentflow.records.Click;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.session.LateClicks;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;


/**
 * The job's session window (event-time session windows with the configured gap, the early
 * trigger, allowed lateness, the session aggregate), taken from the job's graph, in Flink's keyed
 * operator harness: one update per click, with the window's own merging.
 */
final class Sessionizer implements AutoCloseable {

    private final KeyedOneInputStreamOperatorTestHarness<String, Click, SessionSnapshot> harness;

    Sessionizer(JobGraph job) throws Exception {
        harness = job.keyedHarness(OperatorIds.SESSIONIZER);
        harness.open();
    }

    /** The session update the click makes, with the window's timestamp, as the job's downstream operators get it. */
    List<StreamRecord<SessionSnapshot>> add(Click click) throws Exception {
        harness.processElement(new StreamRecord<>(click, click.ts()));
        return HarnessOutput.records(harness.getOutput());
    }

    void advance(long watermark) throws Exception {
        harness.processWatermark(new Watermark(watermark));
        HarnessOutput.records(harness.getOutput());
    }

    /** Clicks behind the watermark: none, as the driver sends them in event-time order. */
    int late() {
        var late = harness.getSideOutput(LateClicks.LATE);
        return late == null ? 0 : late.size();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
