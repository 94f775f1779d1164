package io.intentflow.ingest;

import io.intentflow.records.DeadLetter;
import io.intentflow.records.DeadLetterReason;
import io.intentflow.records.Ingested;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits what a source parsed: valid records go on, dead letters go to a side output and are
 * counted per reason (metric group {@code deadLetters}, one counter per reason, all registered
 * up front so that the Web UI shows zeros rather than nothing).
 */
public class IngestRouter<I extends Ingested<T>, T> extends ProcessFunction<I, T> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<DeadLetter>("dead-letters") {};

    private transient Map<DeadLetterReason, Counter> rejected;

    @Override
    public void open(OpenContext openContext) {
        rejected = registerReasonCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(I record, Context ctx, Collector<T> out) {
        if (record.isValid()) {
            out.collect(record.value());
        } else {
            rejected.get(record.deadLetter().reason()).inc();
            ctx.output(DEAD_LETTERS, record.deadLetter());
        }
    }

    private static Map<DeadLetterReason, Counter> registerReasonCounters(MetricGroup metrics) {
        MetricGroup group = metrics.addGroup("deadLetters");
        Map<DeadLetterReason, Counter> counters = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            if (reason != DeadLetterReason.LATE) {
                counters.put(reason, group.counter(reason.wireName()));
            }
        }
        return counters;
    }
}
