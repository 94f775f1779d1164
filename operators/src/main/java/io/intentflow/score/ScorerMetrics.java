package io.intentflow.score;

import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The scorer's metrics, under its operator in the Web UI: {@code scoresPerSecond},
 * {@code batchSize} and {@code inferenceLatencyMicros} (histograms over the last 1000 batches),
 * {@code modelVersion}, {@code modelFreshnessMs} (publication to live here, for the newest
 * version), {@code openSessions}, {@code recomputesPerSecond}, {@code refusedModelUpdates} and
 * {@code unscoredWithoutModel}; {@code explanations} (explanations computed) and
 * {@code explainLatencyMicros} (time spent explaining a batch's picked scores, over the last 1000
 * batches that had any).
 *
 * <p>Everything here is updated per batch or per session, never per event beyond the meters'
 * counters: the hot path stays as it was.
 */
final class ScorerMetrics {

    final Meter scores;
    final Meter recomputes;
    final Counter refusedUpdates;
    final Counter unscoredWithoutModel;
    private final Histogram batchSize;
    private final Histogram latencyMicros;
    private final Counter explanations;
    private final Histogram explainMicros;
    private volatile long freshnessMillis = -1;
    /** Sessions with carried state in this task; written by the task thread only. */
    private volatile long openSessions;

    ScorerMetrics(MetricGroup group, LongSupplier modelVersion) {
        scores = group.meter("scoresPerSecond", new MeterView(group.counter("scores")));
        recomputes = group.meter("recomputesPerSecond", new MeterView(group.counter("recomputes")));
        refusedUpdates = group.counter("refusedModelUpdates");
        unscoredWithoutModel = group.counter("unscoredWithoutModel");
        batchSize = group.histogram("batchSize", new DescriptiveStatisticsHistogram(1000));
        latencyMicros = group.histogram("inferenceLatencyMicros", new DescriptiveStatisticsHistogram(1000));
        explanations = group.counter("explanations");
        explainMicros = group.histogram("explainLatencyMicros", new DescriptiveStatisticsHistogram(1000));
        group.gauge("modelVersion", (Gauge<Long>) modelVersion::getAsLong);
        group.gauge("modelFreshnessMs", (Gauge<Long>) () -> freshnessMillis);
        group.gauge("openSessions", (Gauge<Long>) () -> openSessions);
    }

    /** The sessions a restored task holds, counted once at start. */
    void sessionsRestored(long count) {
        openSessions = count;
    }

    void sessionOpened() {
        openSessions = openSessions + 1;
    }

    void sessionClosed() {
        openSessions = openSessions - 1;
    }

    /** How long the live version took from its publication to being live here. */
    void modelApplied(long createdAt, long now) {
        freshnessMillis = Math.max(0, now - createdAt);
    }

    void recordBatch(int size, long nanos) {
        batchSize.update(size);
        latencyMicros.update(nanos / 1000);
    }

    void recordExplanations(int count, long nanos) {
        explanations.inc(count);
        explainMicros.update(nanos / 1000);
    }
}
