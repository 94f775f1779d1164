package io.intentflow.ingest;

import io.intentflow.records.IngestedClick;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for the clicks source. Used on the source itself, so watermarks are tracked per
 * Kafka partition; idle partitions stop holding the watermark back after {@code idleness}.
 */
public final class IngestWatermarks {

    private IngestWatermarks() {}

    public static WatermarkStrategy<IngestedClick> forClicks(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<IngestedClick>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(
                        (record, previous) ->
                                // A dead letter has no trustworthy time; it must not move the watermark.
                                record.isValid() ? record.click().ts() : TimestampAssigner.NO_TIMESTAMP)
                .withIdleness(idleness);
    }
}
