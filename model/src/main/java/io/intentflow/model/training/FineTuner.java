package io.intentflow.model.training;

import io.intentflow.model.network.IntentNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Incremental fine-tuning with a publish gate. One in n fresh examples is held back: it joins
 * the gate window (the most recent held-back examples), never the training data. Whole sessions
 * are held back, by their {@link LabelledSession#sessionKey}: a session's prefixes share its
 * label and most of their events, so a candidate that trained on some of them would pass the
 * gate on the others by memory (every round did, on Taobao). Examples without a key are held back
 * every n-th. Each round
 * trains a copy of the learning line (below) on the other fresh examples mixed with a reservoir
 * sample of older ones, then compares the candidate with the live network on the whole gate
 * window: the candidate becomes live only if neither its AUC nor its log-loss there is worse than
 * the live one's by more than the margins. Either way the fresh training examples join the replay
 * reservoir.
 *
 * <p>The learning line is the last round's candidate, published or not: the gate decides what is
 * served, not what is learned. A round's few hundred examples often move a network away from the
 * gate's favour before they move it towards it; when every round started again from the live
 * network, a refused round's learning was thrown away, and a trainer could refuse dozens of rounds
 * in a row and learn nothing (docs/model-and-learning.md, "The learning line"). A live network set
 * from outside a round ({@link #replaceLive}: a version adopted, a rollback, a shadow promoted)
 * restarts the line from it.
 */
public final class FineTuner {

    /** What a round did, with the evidence. */
    public record Round(boolean published, double trainLoss, double liveAuc, double candidateAuc, double liveLogLoss, double candidateLogLoss, int gateExamples) {}

    private final FineTunerSettings settings;
    private final List<LabelledSession> replay;
    private final List<LabelledSession> gate;
    private IntentNetwork live;
    /** Where the next round trains from; the live network itself until a round leaves a candidate. */
    private IntentNetwork learning;
    private long examplesSeen;
    private double learningRateFactor = 1;

    /** A tuner whose learning starts at {@code live}; see the constructor below for the rest. */
    public FineTuner(
            FineTunerSettings settings, IntentNetwork live, List<LabelledSession> replay, List<LabelledSession> gate, long examplesSeen) {
        this(settings, live, live, replay, gate, examplesSeen);
    }

    /**
     * @param learning where training goes on from (a restored trainer's learning line); {@code live} to start it there
     * @param replay the replay reservoir so far
     * @param gate the recent held-back examples so far
     */
    public FineTuner(
            FineTunerSettings settings,
            IntentNetwork live,
            IntentNetwork learning,
            List<LabelledSession> replay,
            List<LabelledSession> gate,
            long examplesSeen) {
        this.settings = settings;
        this.live = live;
        this.learning = learning;
        this.replay = new ArrayList<>(replay);
        this.gate = new ArrayList<>(gate);
        this.examplesSeen = examplesSeen;
    }

    public IntentNetwork live() {
        return live;
    }

    /** The network the next round trains a copy of: the live one, or a candidate the gate refused or holds back. */
    public IntentNetwork learning() {
        return learning;
    }

    /** After a drift: the gate compares on held-back examples from now on only. */
    public void forgetGate() {
        gate.clear();
    }

    /** The learning rate of the next rounds is the configured one times {@code factor}. */
    public void setLearningRateFactor(double factor) {
        learningRateFactor = factor;
    }

    /**
     * Makes {@code params} the live model's (a version from outside, a rollback, a promoted
     * shadow), and learning starts again from it; the live optimizer's state carries over.
     */
    public void replaceLive(float[] params) {
        live.setParams(params);
        learning = live;
    }

    /**
     * Makes {@code previous}, the live network before the last round, live again, with its own
     * optimizer state: the candidate that passed the gate does not go live at once (the trainer's
     * shadow mode tries it on live traffic first); learning goes on from the candidate.
     */
    public void restoreLive(IntentNetwork previous) {
        live = previous;
    }

    public List<LabelledSession> replay() {
        return List.copyOf(replay);
    }

    public List<LabelledSession> gate() {
        return List.copyOf(gate);
    }

    public long examplesSeen() {
        return examplesSeen;
    }

    public Round round(List<LabelledSession> fresh) {
        return round(fresh, () -> {});
    }

    /**
     * A round that runs {@code betweenBatches} on this thread after every mini-batch of the
     * fine-tuning: room for small work that must not wait for the round. The live network stays
     * as it is until the gate, so such work may score with it (the trainer scores what arrived
     * meanwhile).
     */
    public Round round(List<LabelledSession> fresh, Runnable betweenBatches) {
        SplittableRandom random = new SplittableRandom(examplesSeen);
        List<LabelledSession> train = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            if (heldOut(fresh.get(i), i)) {
                gate.add(fresh.get(i));
            } else {
                train.add(fresh.get(i));
            }
        }
        while (gate.size() > settings.gateWindow()) {
            gate.remove(0);
        }
        int replayed = (int) Math.min(replay.size(), Math.round(train.size() * settings.replayRatio()));
        for (int i = 0; i < replayed; i++) {
            train.add(replay.get(random.nextInt(replay.size())));
        }
        IntentNetwork candidate = learning.copy();
        candidate.setLearningRate(settings.learningRate() * learningRateFactor);
        SequenceTrainer trainer = new SequenceTrainer(candidate, settings.batchSize(), SequenceTrainer.Supervision.LAST_EVENT);
        double trainLoss = Double.NaN;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            trainLoss = trainer.fitEpoch(shuffled(train, random), positiveWeight(train), betweenBatches);
        }
        Evaluation liveEval = Evaluation.of(live, gate);
        Evaluation candidateEval = Evaluation.of(candidate, gate);
        boolean published = candidateEval.isAtLeast(liveEval, settings.gateAucMargin(), settings.gateLossMargin());
        if (published) {
            live = candidate;
        }
        learning = candidate;
        train.subList(0, train.size() - replayed).forEach(this::remember);
        return new Round(published, trainLoss, liveEval.auc(), candidateEval.auc(), liveEval.logLoss(), candidateEval.logLoss(), gate.size());
    }

    private boolean heldOut(LabelledSession example, int index) {
        int every = settings.holdOutEvery();
        return example.sessionKey() != 0 ? Math.floorMod(example.sessionKey() * 0x9E3779B9, every) == 0 : index % every == every - 1;
    }

    /** Reservoir sampling: every example seen has the same chance to be in the buffer. */
    private void remember(LabelledSession example) {
        examplesSeen++;
        if (replay.size() < settings.replayCapacity()) {
            replay.add(example);
        } else {
            long slot = new SplittableRandom(examplesSeen * 31).nextLong(examplesSeen);
            if (slot < settings.replayCapacity()) {
                replay.set((int) slot, example);
            }
        }
    }

    /** Rare positives weigh more, by the square root of the class ratio, capped (the job's default cap, 1: not at all). */
    private double positiveWeight(List<LabelledSession> examples) {
        long positives = examples.stream().filter(LabelledSession::purchased).count();
        if (positives == 0) {
            return 1.0;
        }
        double ratio = (examples.size() - positives) / (double) positives;
        return Math.max(1.0, Math.min(settings.maxPositiveWeight(), Math.sqrt(ratio)));
    }

    private static List<LabelledSession> shuffled(List<LabelledSession> examples, SplittableRandom random) {
        List<LabelledSession> copy = new ArrayList<>(examples);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            LabelledSession t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return copy;
    }
}
