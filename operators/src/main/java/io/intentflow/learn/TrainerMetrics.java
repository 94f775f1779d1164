package io.intentflow.learn;

import io.intentflow.model.training.Evaluation;
import io.intentflow.model.training.FineTuner;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;

/**
 * The trainer's metrics, under its operator in the Web UI: {@code examplesPerSecond},
 * {@code publishedVersions}, {@code rejectedVersions}, and, as of the last round,
 * {@code modelVersion}, {@code rollingAuc}, {@code rollingLogLoss}, {@code trainLoss} and
 * {@code replayBufferSize}.
 *
 * <p>The gauges read a snapshot the task thread replaces after each round: the metrics thread
 * must never walk the trainer's own collections while a round changes them.
 */
final class TrainerMetrics {

    /** What the gauges show. */
    private record Status(long version, Evaluation rolling, double trainLoss, int replaySize) {}

    final Meter examples;
    private final Counter published;
    private final Counter rejected;
    private volatile Status status;

    TrainerMetrics(MetricGroup group, long version, int replaySize) {
        status = new Status(version, new Evaluation(Double.NaN, Double.NaN, 0), Double.NaN, replaySize);
        examples = group.meter("examplesPerSecond", new MeterView(group.counter("examples")));
        published = group.counter("publishedVersions");
        rejected = group.counter("rejectedVersions");
        group.gauge("modelVersion", (Gauge<Long>) () -> status.version());
        group.gauge("rollingAuc", (Gauge<Double>) () -> status.rolling().auc());
        group.gauge("rollingLogLoss", (Gauge<Double>) () -> status.rolling().logLoss());
        group.gauge("trainLoss", (Gauge<Double>) () -> status.trainLoss());
        group.gauge("replayBufferSize", (Gauge<Integer>) () -> status.replaySize());
    }

    void roundDone(FineTuner.Round round, long version, Evaluation rolling, int replaySize) {
        (round.published() ? published : rejected).inc();
        status = new Status(version, rolling, round.trainLoss(), replaySize);
    }
}
