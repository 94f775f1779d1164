package io.intentflow.learn;

import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.training.Evaluation;
import io.intentflow.model.training.FineTuner;
import io.intentflow.model.training.LabelledSession;
import io.intentflow.model.training.LabelledSessionCodec;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.TrainerState;
import java.io.IOException;

/**
 * What learns: the live network with its optimizer, the fine-tuner's replay reservoir and gate
 * window, the version counter and the rolling evaluation. A round has four parts, each its own
 * class: the live model scores every example that arrived before anything trains on it ({@link
 * RollingEvaluation}), at the start of the round and between its mini-batches; a candidate is
 * fine-tuned on the sample and gated ({@link FineTuner}); one that passes becomes the next version
 * ({@link ModelVersions}) and is written to the registry folder ({@link ModelRegistry}).
 *
 * <p>Not thread-safe, and needs not be: only the round in flight touches it, and rounds never
 * overlap. After each round it describes itself as an immutable {@link TrainerState}, which is
 * all the task thread ever reads of it.
 */
final class Learner {

    /**
     * What a round did, for the task thread to apply.
     *
     * @param published the new version; null when the gate said no
     * @param sampledOutShare of the examples that arrived for the round, the share it did not train on
     */
    record Outcome(
            FineTuner.Round round, ModelUpdate published, Evaluation rolling, TrainerState state, int replaySize, long durationMs,
            double sampledOutShare) {}

    private static final LabelledExample[] NONE = new LabelledExample[0];

    /** How often a resting trainer scores what arrived. */
    private static final long SCORE_EVERY_MS = 100;

    private final double cpuShare;
    private final FeatureSet features;
    private final FineTuner tuner;
    private final ModelVersions versions;
    private final ModelRegistry registry;
    private final RollingEvaluation rolling;

    /** Picks up where {@code start} left off; its examples not yet trained on are the caller's. */
    Learner(TrainerSettings settings, TrainerState start) throws IOException {
        cpuShare = settings.cpuShare();
        features = settings.network().featureSet();
        IntentNetwork live = IntentNetwork.withParams(settings.network(), start.params());
        live.setUpdaterState(start.updaterState());
        tuner = new FineTuner(
                settings.fineTuning(),
                live,
                LabelledSessionCodec.decode(start.compactReplay()),
                LabelledSessionCodec.decode(start.compactGate()),
                start.examplesSeen());
        versions = new ModelVersions(settings.network().hash(), start.version());
        registry = new ModelRegistry(settings.registryDir());
        rolling = new RollingEvaluation(settings.metricsWindow());
    }

    /** Trains on {@code batch}, scoring what waits in {@code toScore} first and after every mini-batch. */
    Outcome round(WaitingExamples.Batch batch, ScoringQueue toScore) throws IOException {
        long started = System.nanoTime();
        Runnable score = () -> rolling.score(tuner.live(), toScore.takeAll().stream().map(this::featurize).toList());
        // Nothing in the batch trains before it is scored: it arrived before the round started.
        score.run();
        FineTuner.Round round = tuner.round(batch.train().stream().map(this::featurize).toList(), score);
        Evaluation evaluation = rolling.current();
        ModelUpdate published = null;
        if (round.published()) {
            published = versions.next(tuner.live(), round, evaluation, System.currentTimeMillis());
            registry.save(tuner.live(), published);
        }
        return new Outcome(
                round, published, evaluation, state(), tuner.replay().size(), (System.nanoTime() - started) / 1_000_000,
                batch.sampledOut() / (double) batch.arrived());
    }

    /**
     * After a round of {@code roundMs}: waits long enough that rounds take at most the configured
     * share of a core, scoring what arrives meanwhile so that the queue never overflows.
     */
    void rest(long roundMs, ScoringQueue toScore) throws InterruptedException {
        long end = System.nanoTime() + Math.round(roundMs * (1 / cpuShare - 1)) * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(SCORE_EVERY_MS, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            rolling.score(tuner.live(), toScore.takeAll().stream().map(this::featurize).toList());
        }
    }

    /** Everything learned so far, as a checkpoint holds it; no examples waiting. */
    TrainerState state() {
        return new TrainerState(
                versions.current(),
                versions.configHash(),
                tuner.live().params(),
                tuner.live().updaterState(),
                tuner.examplesSeen(),
                LabelledSessionCodec.encode(tuner.replay()),
                LabelledSessionCodec.encode(tuner.gate()),
                NONE);
    }

    private LabelledSession featurize(LabelledExample example) {
        return new LabelledSession(example.prefix().features(features), example.purchased());
    }
}
