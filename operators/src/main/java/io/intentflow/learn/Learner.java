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
import java.util.List;
import java.util.Optional;

/**
 * What learns: the live network with its optimizer, the fine-tuner's replay reservoir and gate
 * window, the version counter and the rolling evaluation. A round has four parts, each its own
 * class: the live model scores every example that arrived before anything trains on it ({@link
 * RollingEvaluation}), at the start of the round and between its mini-batches; a candidate is
 * fine-tuned on the sample and gated ({@link FineTuner}); one that passes becomes the next version
 * ({@link ModelVersions}) and is written to the registry folder ({@link ModelRegistry}). Before it
 * trains, a round rolls back a live version that did worse than its parent ({@link RollbackWatch})
 * and reacts to a drift in the live model's log-loss ({@link DriftWatch}). In shadow mode a
 * candidate that passes the gate becomes the shadow instead of the next version ({@link
 * ShadowTrial}); before it trains, a round judges the shadow, and one that won becomes the next
 * version.
 *
 * <p>Not thread-safe, and needs not be: only the round in flight touches it, and rounds never
 * overlap. After each round it describes itself as an immutable {@link TrainerState}, which is
 * all the task thread ever reads of it.
 */
final class Learner {

    /**
     * What a round did, for the task thread to apply.
     *
     * @param rolledBack the version that rolled the live one back, before the round trained; null when none
     * @param published the new version (in shadow mode a shadow that won its trial); null when none
     * @param sampledOutShare of the examples that arrived for the round, the share it did not train on
     * @param drift what the drift watch saw up to the round's start
     * @param shadow what became of shadows in the round
     */
    record Outcome(
            FineTuner.Round round, ModelUpdate rolledBack, ModelUpdate published, Evaluation rolling, TrainerState state, int replaySize, long durationMs,
            double sampledOutShare, DriftWatch.Status drift, ShadowTrial.Report shadow) {}

    private static final LabelledExample[] NONE = new LabelledExample[0];
    private static final float[] NO_PARAMS = new float[0];

    /** How often a resting trainer scores what arrived. */
    private static final long SCORE_EVERY_MS = 100;

    private final double cpuShare;
    private final FeatureSet features;
    private final FineTuner tuner;
    private final ModelVersions versions;
    private final ModelRegistry registry;
    private final RollingEvaluation rolling;
    private final RollbackWatch watch;
    private final DriftWatch drift;
    private final boolean shadowMode;
    private final ShadowTrial shadow;

    /** Picks up where {@code start} left off; its examples not yet trained on are the caller's. */
    Learner(TrainerSettings settings, TrainerState start) throws IOException {
        cpuShare = settings.cpuShare();
        features = settings.network().featureSet();
        IntentNetwork live = network(settings, start.params(), start.updaterState());
        tuner = new FineTuner(
                settings.fineTuning(),
                live,
                start.learningAhead() ? network(settings, start.learningParams(), start.learningUpdaterState()) : live,
                LabelledSessionCodec.decode(start.compactReplay()),
                LabelledSessionCodec.decode(start.compactGate()),
                start.examplesSeen());
        versions = new ModelVersions(settings.network().hash(), settings.origin(), start.version());
        registry = new ModelRegistry(settings.registryDir());
        rolling = new RollingEvaluation(settings.metricsWindow());
        drift = new DriftWatch(settings.drift());
        watch = new RollbackWatch(settings.network(), settings.rollbackMargin(), settings.rollbackMinExamples(), settings.metricsWindow());
        shadowMode = settings.shadow().enabled();
        shadow = new ShadowTrial(settings.network(), settings.shadow(), settings.metricsWindow());
        // Without shadow mode a restored shadow is dropped: candidates go live at once now.
        if (shadowMode && start.hasShadow()) {
            shadow.start(start.shadowParams(), start.shadowEvidence());
        }
    }

    private static IntentNetwork network(TrainerSettings settings, float[] params, float[] updaterState) {
        IntentNetwork network = IntentNetwork.withParams(settings.network(), params);
        network.setUpdaterState(updaterState);
        return network;
    }

    /** Trains on {@code batch}, scoring what waits in {@code toScore} first and after every mini-batch. */
    Outcome round(WaitingExamples.Batch batch, ScoringQueue toScore) throws IOException {
        long started = System.nanoTime();
        Runnable score = () -> score(toScore);
        // Nothing in the batch trains before it is scored: it arrived before the round started.
        score.run();
        boolean shadowPending = shadow.pending();
        ModelUpdate rolledBack = rollBackIfWorse();
        boolean shadowDropped = shadowPending && !shadow.pending();
        ShadowTrial.Verdict judged = shadow.verdict().orElse(null);
        ModelUpdate published = judged != null && judged.won() ? promote(judged) : null;
        drift.prepare(tuner);
        DriftWatch.Status driftStatus = drift.status();
        IntentNetwork before = tuner.live();
        FineTuner.Round round = tuner.round(batch.train().stream().map(this::featurize).toList(), score);
        Evaluation evaluation = rolling.current();
        boolean candidateIsShadow = false;
        if (round.published() && shadowMode) {
            // The candidate waits in the shadow, or, while another is on trial, is dropped: a trial always runs to its verdict.
            candidateIsShadow = !shadow.pending();
            if (candidateIsShadow) {
                shadow.start(tuner.live().params(), versions.evidence(round, evaluation));
            }
            tuner.restoreLive(before);
        } else if (round.published()) {
            published = versions.next(tuner.live(), round, evaluation, System.currentTimeMillis());
            wentLive(published, before.params());
        }
        return new Outcome(
                round, rolledBack, published, evaluation, state(), tuner.replay().size(), (System.nanoTime() - started) / 1_000_000,
                batch.sampledOut() / (double) batch.arrived(), driftStatus,
                new ShadowTrial.Report(judged, shadowDropped, candidateIsShadow, shadow.status()));
    }

    /** A shadow that won its trial becomes the live model, with the live optimizer's state, as the next version. */
    private ModelUpdate promote(ShadowTrial.Verdict verdict) throws IOException {
        float[] parentParams = tuner.live().params();
        tuner.replaceLive(verdict.params());
        ModelUpdate promoted = versions.promote(verdict, System.currentTimeMillis());
        wentLive(promoted, parentParams);
        return promoted;
    }

    /** {@code published}, trained from the live version whose parameters were {@code parentParams}, is live now. */
    private void wentLive(ModelUpdate published, float[] parentParams) throws IOException {
        registry.save(tuner.live(), published);
        watch.watchChild(published.version(), published.parentVersion(), parentParams);
        drift.newVersion();
    }

    /**
     * Makes {@code update}, a version from outside that the task thread accepted, the live model:
     * the next round trains from it and the next version is numbered above it.
     */
    TrainerState adopt(ModelUpdate update) throws IOException {
        shadow.drop();
        watch.watch(update.version(), versions.current(), tuner.live().params());
        drift.newVersion();
        tuner.replaceLive(update.params());
        versions.adopt(update);
        registry.save(tuner.live(), update);
        return state();
    }

    /**
     * After a round of {@code roundMs}: waits long enough that rounds take at most the configured
     * share of a core, scoring what arrives meanwhile so that the queue never overflows.
     */
    void rest(long roundMs, ScoringQueue toScore) throws InterruptedException {
        long end = System.nanoTime() + Math.round(roundMs * (1 / cpuShare - 1)) * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(SCORE_EVERY_MS, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            score(toScore);
        }
    }

    /** Prequential scoring of what waits: the live version for the rolling metrics, its parent beside it for the watch. */
    private void score(ScoringQueue toScore) {
        List<LabelledSession> examples = toScore.takeAll().stream().map(this::featurize).toList();
        float[] scores = rolling.score(tuner.live(), examples);
        watch.score(examples, scores);
        drift.score(examples, scores);
        shadow.score(examples, scores);
    }

    /**
     * When the live version has done worse than its parent on the examples scored since it went
     * live, the parent's parameters become live again, as a new version.
     */
    private ModelUpdate rollBackIfWorse() throws IOException {
        Optional<RollbackWatch.Verdict> verdict = watch.verdict();
        if (verdict.isEmpty()) {
            return null;
        }
        tuner.replaceLive(verdict.get().parentParams());
        ModelUpdate rollback = versions.rollback(verdict.get(), System.currentTimeMillis());
        registry.save(tuner.live(), rollback);
        watch.stop();
        drift.newVersion();
        // The shadow was trained from the version rolled back.
        shadow.drop();
        return rollback;
    }

    /** Everything learned so far, as a checkpoint holds it; no examples waiting. */
    TrainerState state() {
        boolean ahead = tuner.learning() != tuner.live();
        return new TrainerState(
                versions.current(),
                versions.configHash(),
                tuner.live().params(),
                tuner.live().updaterState(),
                tuner.examplesSeen(),
                LabelledSessionCodec.encode(tuner.replay()),
                LabelledSessionCodec.encode(tuner.gate()),
                NONE,
                shadow.params(),
                shadow.evidence(),
                ahead ? tuner.learning().params() : NO_PARAMS,
                ahead ? tuner.learning().updaterState() : NO_PARAMS);
    }

    private LabelledSession featurize(LabelledExample example) {
        return example.featurized(features);
    }
}
