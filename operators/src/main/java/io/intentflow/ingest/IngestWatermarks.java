package io.intentflow.ingest;

import io.intentflow.records.Click;
import io.intentflow.records.Ingested;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.IngestedPurchase;
import io.intentflow.records.Purchase;
import java.time.Duration;
import java.io.Serializable;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for the clicks and purchases sources. Used on the source itself, so watermarks are tracked per
 * Kafka partition; idle partitions stop holding the watermark back after {@code idleness}.
 */
public final class IngestWatermarks {

    /** Shipped with the job graph, so it must be serializable. */
    @FunctionalInterface
    private interface EventTime<T> extends Serializable {
        long of(T value);
    }

    private IngestWatermarks() {}

    public static WatermarkStrategy<IngestedClick> forClicks(Duration outOfOrderness, Duration idleness) {
        return of(outOfOrderness, idleness, Click::ts);
    }

    public static WatermarkStrategy<IngestedPurchase> forPurchases(Duration outOfOrderness, Duration idleness) {
        return of(outOfOrderness, idleness, Purchase::ts);
    }

    private static <I extends Ingested<T>, T> WatermarkStrategy<I> of(
            Duration outOfOrderness, Duration idleness, EventTime<T> eventTime) {
        return WatermarkStrategy.<I>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(
                        (record, previous) ->
                                // A dead letter has no trustworthy time; it must not move the watermark.
                                record.isValid() ? eventTime.of(record.value()) : TimestampAssigner.NO_TIMESTAMP)
                .withIdleness(idleness);
    }
}
