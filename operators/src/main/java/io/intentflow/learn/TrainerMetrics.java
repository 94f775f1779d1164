package io.intentflow.learn;

import io.intentflow.model.training.Evaluation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;

/**
 * The trainer's metrics, under its operator in the Web UI: {@code examplesPerSecond},
 * {@code publishedVersions}, {@code rejectedVersions}, {@code sampledOutExamples},
 * {@code unscoredExamples}, {@code examplesWaiting}, {@code adoptedVersions} and
 * {@code refusedModelUpdates} (versions from the {@code model-updates} topic made live, and
 * refused), {@code rollbacks}, {@code driftDetections}, and, as of the last round, {@code driftStatistic}, {@code driftScorePsi},
 * {@code driftBoostRoundsLeft}, {@code modelVersion} (or the adopted version), {@code rollingAuc}, {@code rollingLogLoss}, {@code trainLoss},
 * {@code replayBufferSize}, {@code roundDurationMs} and {@code sampledOutShare}. In shadow mode
 * {@code shadowTrials}, {@code shadowPromoted} and {@code shadowDropped} count candidates that became
 * the shadow, and shadows that won and went live or were dropped; {@code shadowExamples}, {@code
 * shadowAuc} and {@code shadowLiveAuc} show the shadow's trial as of the last round.
 *
 * <p>The gauges read a snapshot the task thread replaces after each round, or a volatile count:
 * the metrics thread never walks the trainer's collections, nor anything a round is changing.
 */
final class TrainerMetrics {

    /** What the gauges show of the last round. */
    private record Status(
            long version, Evaluation rolling, double trainLoss, int replaySize, long roundDurationMs, double sampledOutShare, DriftWatch.Status drift,
            ShadowTrial.Status shadow) {}

    final Meter examples;
    private final Counter published;
    private final Counter rejected;
    private final Counter sampledOut;
    private final Counter unscored;
    private final Counter adopted;
    final Counter refusedUpdates;
    final Counter rollbacks;
    private final Counter drifts;
    private final Counter shadowTrials;
    private final Counter shadowPromoted;
    private final Counter shadowDropped;
    private volatile Status status;
    private volatile int untrained;

    TrainerMetrics(MetricGroup group, long version, int replaySize) {
        status = new Status(version, new Evaluation(Double.NaN, Double.NaN, 0), Double.NaN, replaySize, 0, 0, new DriftWatch.Status(0, 0, 0, 0, 0, 0, false), ShadowTrial.Status.NONE);
        examples = group.meter("examplesPerSecond", new MeterView(group.counter("examples")));
        published = group.counter("publishedVersions");
        rejected = group.counter("rejectedVersions");
        sampledOut = group.counter("sampledOutExamples");
        unscored = group.counter("unscoredExamples");
        adopted = group.counter("adoptedVersions");
        refusedUpdates = group.counter("refusedModelUpdates");
        rollbacks = group.counter("rollbacks");
        drifts = group.counter("driftDetections");
        shadowTrials = group.counter("shadowTrials");
        shadowPromoted = group.counter("shadowPromoted");
        shadowDropped = group.counter("shadowDropped");
        group.gauge("shadowExamples", (Gauge<Long>) () -> status.shadow().examples());
        group.gauge("shadowAuc", (Gauge<Double>) () -> status.shadow().shadowAuc());
        group.gauge("shadowLiveAuc", (Gauge<Double>) () -> status.shadow().liveAuc());
        group.gauge("driftStatistic", (Gauge<Double>) () -> status.drift().statistic());
        group.gauge("driftScorePsi", (Gauge<Double>) () -> status.drift().psi());
        group.gauge("driftBoostRoundsLeft", (Gauge<Integer>) () -> status.drift().boostRoundsLeft());
        group.gauge("modelVersion", (Gauge<Long>) () -> status.version());
        group.gauge("rollingAuc", (Gauge<Double>) () -> status.rolling().auc());
        group.gauge("rollingLogLoss", (Gauge<Double>) () -> status.rolling().logLoss());
        group.gauge("trainLoss", (Gauge<Double>) () -> status.trainLoss());
        group.gauge("replayBufferSize", (Gauge<Integer>) () -> status.replaySize());
        group.gauge("roundDurationMs", (Gauge<Long>) () -> status.roundDurationMs());
        group.gauge("sampledOutShare", (Gauge<Double>) () -> status.sampledOutShare());
        group.gauge("examplesWaiting", (Gauge<Integer>) () -> untrained);
    }

    /** Examples not trained on yet: in the running round and waiting for the next. */
    void untrained(int examples) {
        untrained = examples;
    }

    /** A round took {@code batch}: what it will not train on is final now. */
    void roundStarted(WaitingExamples.Batch batch) {
        sampledOut.inc(batch.sampledOut());
    }

    void unscored(int examples) {
        unscored.inc(examples);
    }

    /** A version from outside is live. */
    void adopted(long version) {
        adopted.inc();
        Status last = status;
        status = new Status(version, last.rolling(), last.trainLoss(), last.replaySize(), last.roundDurationMs(), last.sampledOutShare(), last.drift(), last.shadow());
    }

    /** A shadow was dropped without a verdict: a version from outside replaced the model it was trained from. */
    void shadowDropped() {
        shadowDropped.inc();
    }

    /**
     * @param publishedVersion whether the round's version went out (a gated or superseded candidate
     *     did not; in shadow mode it is a shadow that won its trial)
     */
    void roundDone(Learner.Outcome outcome, boolean publishedVersion) {
        ShadowTrial.Report shadow = outcome.shadow();
        boolean promotion = shadow.judged() != null && shadow.judged().won();
        if (publishedVersion) {
            published.inc();
        }
        // The round's own candidate: live (without shadow mode), the shadow, or neither.
        if (shadow.candidateIsShadow()) {
            shadowTrials.inc();
        } else if (promotion || !publishedVersion) {
            rejected.inc();
        }
        if (shadow.judged() != null) {
            (promotion && publishedVersion ? shadowPromoted : shadowDropped).inc();
        }
        if (shadow.dropped()) {
            shadowDropped.inc();
        }
        status = new Status(
                outcome.state().version(), outcome.rolling(), outcome.round().trainLoss(), outcome.replaySize(), outcome.durationMs(),
                outcome.sampledOutShare(), outcome.drift(), shadow.status());
        drifts.inc(outcome.drift().detected() + (outcome.drift().psiShift() ? 1 : 0));
    }
}
