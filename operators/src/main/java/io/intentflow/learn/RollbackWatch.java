package io.intentflow.learn;

import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.training.Evaluation;
import io.intentflow.model.training.LabelledSession;
import java.util.List;
import java.util.Optional;

/**
 * Watches a version that went live against its parent (the version live before it): the parent
 * scores every example the live version scores prequentially, and once at least {@code
 * minExamples} have been scored since the version went live, a live AUC below the parent's by
 * more than {@code margin} on those same examples (the most recent {@code window} of them) calls
 * for a rollback. Pairing the two on the
 * same examples is what makes a small margin meaningful: both see the same sessions and labels.
 *
 * <p>Not state: after a restore nothing is watched until the next version goes live. Round's
 * thread only.
 */
final class RollbackWatch {

    /** Why to roll back: the parent did better on the same examples. */
    record Verdict(long badVersion, long parentVersion, float[] parentParams, Evaluation live, Evaluation parent) {}

    private final double margin;
    private final int minExamples;
    private final IntentNetwork parent;
    private final PairedScores recent;
    private boolean watching;
    private long liveVersion;
    private long parentVersion;

    /** @param window how many of the most recent examples since the version went live count */
    RollbackWatch(NetworkConfig network, double margin, int minExamples, int window) {
        this.margin = margin;
        this.minExamples = minExamples;
        this.recent = new PairedScores(window);
        this.parent = IntentNetwork.create(network, 0);
    }

    /**
     * {@code liveVersion} went live, replacing {@code parentVersion} whose parameters were {@code
     * parentParams}: it is judged against them from now on.
     */
    void watch(long liveVersion, long parentVersion, float[] parentParams) {
        parent.setParams(parentParams);
        this.liveVersion = liveVersion;
        this.parentVersion = parentVersion;
        recent.clear();
        watching = true;
    }

    /**
     * {@code liveVersion}, trained from the live version, went live. While the version it replaced
     * is still on probation (fewer than {@code minExamples} scored since it went live), the
     * reference and the examples stay: the child of a version not yet judged is judged with it
     * against the same parent, so a bad version cannot escape its rollback by having a child
     * published first. Otherwise it is watched against its parent like any version.
     */
    void watchChild(long liveVersion, long parentVersion, float[] parentParams) {
        if (watching && recent.size() < minExamples) {
            this.liveVersion = liveVersion;
        } else {
            watch(liveVersion, parentVersion, parentParams);
        }
    }

    /** Nothing to compare with: after a rollback, the restored parameters are not watched. */
    void stop() {
        watching = false;
        recent.clear();
    }

    /** The live version scored {@code examples} {@code liveScores}: the parent scores them too. */
    void score(List<LabelledSession> examples, float[] liveScores) {
        if (!watching || examples.isEmpty()) {
            return;
        }
        float[] parentScores = parent.recomputeAll(examples.stream().map(LabelledSession::features).toList()).scores();
        recent.add(examples, liveScores, parentScores);
    }

    /** A rollback, if the live version has done worse than its parent by more than the margin. */
    Optional<Verdict> verdict() {
        if (!watching || recent.size() < minExamples) {
            return Optional.empty();
        }
        PairedScores.Compared compared = recent.compare();
        Evaluation liveEval = compared.live();
        Evaluation parentEval = compared.other();
        // One class only (no AUC) decides nothing.
        if (!(parentEval.auc() - liveEval.auc() > margin)) {
            return Optional.empty();
        }
        return Optional.of(new Verdict(liveVersion, parentVersion, parent.params(), liveEval, parentEval));
    }
}
