package io.intentflow.tools.evaluate.run;

import io.intentflow.records.Click;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.session.EveryEventTrigger;
import io.intentflow.session.LateClicks;
import io.intentflow.session.SessionAccumulator;
import io.intentflow.session.SessionAggregate;
import io.intentflow.session.SessionSettings;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.streaming.api.functions.windowing.PassThroughWindowFunction;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The job's session window, as {@code IntentflowJob} wires it (event-time session windows with
 * the configured gap, {@link EveryEventTrigger}, allowed lateness, {@link SessionAggregate}), in
 * Flink's keyed operator harness: one update per click, with the window's own merging.
 */
final class Sessionizer implements AutoCloseable {

    private final KeyedOneInputStreamOperatorTestHarness<String, Click, SessionSnapshot> harness;

    Sessionizer(SessionSettings settings) throws Exception {
        TypeInformation<Click> clickType = TypeInformation.of(Click.class);
        SessionAggregate aggregate = new SessionAggregate(settings.ringSize());
        WindowOperatorBuilder<Click, String, TimeWindow> window = new WindowOperatorBuilder<>(
                EventTimeSessionWindows.withGap(settings.gap()), new EveryEventTrigger(), new ExecutionConfig(), clickType, Click::userId, Types.STRING);
        window.allowedLateness(settings.allowedLateness());
        window.sideOutputLateData(LateClicks.LATE);
        // The accumulator's type as WindowedStream.aggregate finds it.
        TypeInformation<SessionAccumulator> accumulator = TypeExtractor.getAggregateFunctionAccumulatorType(aggregate, clickType, null, false);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                window.aggregate(aggregate, new PassThroughWindowFunction<String, TimeWindow, SessionSnapshot>(), accumulator),
                Click::userId,
                Types.STRING);
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
