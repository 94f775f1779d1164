package io.intentflow.ingest;

import io.intentflow.records.Click;
import io.intentflow.records.Ingested;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.IngestedPurchase;
import io.intentflow.records.Purchase;
import java.io.Serializable;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for the clicks and purchases sources. Used on the source itself, so watermarks are
 * tracked per Kafka partition. With alignment, both sources form one group: a partition that runs
 * ahead of the slowest by more than the max drift is paused, so a subtask reads its laggard
 * instead of starving it, and a paused partition's idleness clock stops. Idleness then releases
 * only partitions that really have nothing to read.
 */
public final class IngestWatermarks {

    /** The alignment group of both input sources: a reader's splits are paused against all of them. */
    public static final String ALIGNMENT_GROUP = "intentflow-input";

    /** Shipped with the job graph, so it must be serializable. */
    @FunctionalInterface
    private interface EventTime<T> extends Serializable {
        long of(T value);
    }

    private IngestWatermarks() {}

    public static WatermarkStrategy<IngestedClick> forClicks(WatermarkSettings settings) {
        return of(settings, Click::ts);
    }

    public static WatermarkStrategy<IngestedPurchase> forPurchases(WatermarkSettings settings) {
        return of(settings, Purchase::ts);
    }

    private static <I extends Ingested<T>, T> WatermarkStrategy<I> of(WatermarkSettings settings, EventTime<T> eventTime) {
        WatermarkStrategy<I> strategy =
                WatermarkStrategy.<I>forBoundedOutOfOrderness(settings.outOfOrderness())
                        .withTimestampAssigner(
                                (record, previous) ->
                                        // A dead letter has no trustworthy time; it must not move the watermark.
                                        record.isValid() ? eventTime.of(record.value()) : TimestampAssigner.NO_TIMESTAMP)
                        .withIdleness(settings.idleness());
        return settings.alignment()
                .map(a -> strategy.withWatermarkAlignment(ALIGNMENT_GROUP, a.maxDrift(), a.updateInterval()))
                .orElse(strategy);
    }
}
