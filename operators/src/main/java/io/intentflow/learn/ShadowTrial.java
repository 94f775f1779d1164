package io.intentflow.learn;

import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.training.LabelledSession;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The shadow: a candidate that passed the gate, tried on live traffic before it may go live. From
 * the moment it becomes the shadow it scores every example the live model scores prequentially:
 * examples that arrived after its round started, so none it trained on. Once it has scored at
 * least {@code minExamples}, both classes among the most recent {@code window} of them, it is
 * judged: it won if its AUC on them is above the live model's on the same examples by more than
 * {@code margin}, and lost otherwise. Either way the trial ends. Its scores go nowhere but here.
 *
 * <p>Its parameters and the evidence that let it through the gate are the trainer's state, so a
 * checkpoint keeps it; the examples it scored are not: after a restore its trial starts again.
 * Round's thread only.
 */
final class ShadowTrial {

    /**
     * How a trial ended.
     *
     * @param evidence the gate's evidence when the shadow passed it (JSON)
     * @param compared the live model's and the shadow's evaluation on the examples the verdict is based on
     * @param examples how many examples the shadow scored
     */
    record Verdict(boolean won, float[] params, String evidence, PairedScores.Compared compared, long examples) {}

    /** As of the last verdict or check: the shadow's examples and AUCs so far, or at its verdict. */
    record Status(long examples, double shadowAuc, double liveAuc) {

        static final Status NONE = new Status(0, Double.NaN, Double.NaN);
    }

    /**
     * What became of shadows in a round.
     *
     * @param judged the verdict on the shadow at the round's start; null when none was due
     * @param dropped a shadow was dropped at the round's start without a verdict: the version it
     *     was trained from was rolled back
     * @param candidateIsShadow the round's candidate passed the gate and is the shadow now
     */
    record Report(Verdict judged, boolean dropped, boolean candidateIsShadow, Status status) {

        /**
         * For the log: what became of the shadow judged or dropped at the round's start, if any.
         *
         * @param wentLive whether the round's version went out (an adoption may have overtaken a promotion)
         */
        Optional<String> whatBecameOfTheShadow(boolean wentLive, double margin) {
            if (dropped) {
                return Optional.of("Shadow dropped: the version it was trained from was rolled back");
            }
            if (judged == null) {
                return Optional.empty();
            }
            String fate = !judged.won() ? "lost and was dropped"
                    : wentLive ? "won and was promoted"
                    : "won but was dropped (a version from outside replaced the model it was trained from)";
            return Optional.of(String.format(Locale.ROOT, "Shadow %s after %d examples of live traffic: AUC %.4f against the live model's %.4f (margin %s)",
                    fate, judged.examples(), judged.compared().other().auc(), judged.compared().live().auc(), margin));
        }
    }

    private static final float[] NONE = new float[0];

    private final ShadowSettings settings;
    private final IntentNetwork shadow;
    private final PairedScores scores;
    /** The gate's evidence for the shadow; null while no shadow is on trial. */
    private String evidence;
    private Status status = Status.NONE;

    /** @param window how many of the most recent examples the verdict compares on */
    ShadowTrial(NetworkConfig network, ShadowSettings settings, int window) {
        this.settings = settings;
        this.shadow = IntentNetwork.create(network, 0);
        this.scores = new PairedScores(window);
    }

    boolean pending() {
        return evidence != null;
    }

    /** {@code params}, a candidate that passed the gate with {@code evidence}, is the shadow from now on. */
    void start(float[] params, String evidence) {
        shadow.setParams(params);
        this.evidence = evidence;
        scores.clear();
    }

    /** Ends the trial without a verdict. */
    void drop() {
        evidence = null;
        scores.clear();
    }

    /** The live model scored {@code examples} {@code liveScores}: the shadow scores them too. */
    void score(List<LabelledSession> examples, float[] liveScores) {
        if (!pending() || examples.isEmpty()) {
            return;
        }
        scores.add(examples, liveScores, shadow.recomputeAll(examples.stream().map(LabelledSession::features).toList()).scores());
    }

    /** The verdict, once the shadow has scored enough examples of both classes; the trial ends with it. */
    Optional<Verdict> verdict() {
        if (!pending()) {
            return Optional.empty();
        }
        PairedScores.Compared compared = scores.compare();
        status = new Status(scores.added(), compared.other().auc(), compared.live().auc());
        if (scores.added() < settings.minExamples() || Double.isNaN(compared.live().auc()) || Double.isNaN(compared.other().auc())) {
            return Optional.empty();
        }
        boolean won = compared.other().auc() - compared.live().auc() > settings.margin();
        Verdict verdict = new Verdict(won, shadow.params(), evidence, compared, scores.added());
        drop();
        return Optional.of(verdict);
    }

    Status status() {
        return status;
    }

    /** For the checkpoint: the shadow's parameters; empty when none is on trial. */
    float[] params() {
        return pending() ? shadow.params() : NONE;
    }

    /** For the checkpoint: the gate's evidence for the shadow; empty when none is on trial. */
    String evidence() {
        return pending() ? evidence : "";
    }
}
