package io.intentflow.learn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.training.Evaluation;
import io.intentflow.model.training.FineTuner;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The trainer's one sequence of model versions: numbers each published candidate (monotonic
 * across restores, as the counter is checkpointed) and describes it with the evidence that let
 * it through the gate and who published it ({@code origin}). A version adopted from outside moves
 * the counter up to its number: the next is one more.
 */
final class ModelVersions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ORIGIN = "origin";

    private final String configHash;
    private final String origin;
    private long current;

    /** @param current the newest version so far (restored, or the initial model's; 0 for none) */
    ModelVersions(String configHash, String origin, long current) {
        this.configHash = configHash;
        this.origin = origin;
        this.current = current;
    }

    /** Whether {@code update} says it was published by a trainer of {@code origin}. */
    static boolean publishedBy(ModelUpdate update, String origin) {
        try {
            return origin.equals(JSON.readTree(update.metrics()).path(ORIGIN).asText(null));
        } catch (IOException e) {
            return false;
        }
    }

    long current() {
        return current;
    }

    String configHash() {
        return configHash;
    }

    /** The next version: {@code candidate}'s parameters, child of the current one. */
    ModelUpdate next(IntentNetwork candidate, FineTuner.Round round, Evaluation rolling, long createdAt) {
        return next(candidate.params(), evidence(round, rolling), createdAt);
    }

    /**
     * The next version: a shadow that won its trial, child of the current one (the version it was
     * trained from: no other goes live while a shadow is on trial). Its evidence is the gate's, as
     * of when it became the shadow, and the trial's.
     */
    ModelUpdate promote(ShadowTrial.Verdict verdict, long createdAt) {
        ObjectNode metrics;
        try {
            metrics = (ObjectNode) JSON.readTree(verdict.evidence());
        } catch (IOException e) {
            throw new UncheckedIOException("The shadow's evidence, written by evidence(), is not JSON", e);
        }
        metrics.put("shadowExamples", verdict.examples());
        number(metrics, "shadowAuc", verdict.compared().other().auc());
        number(metrics, "shadowAucLive", verdict.compared().live().auc());
        return next(verdict.params(), metrics.toString(), createdAt);
    }

    private ModelUpdate next(float[] params, String metrics, long createdAt) {
        long parent = current;
        current++;
        return new ModelUpdate(current, parent, configHash, createdAt, params, metrics);
    }

    /**
     * The next version: the parameters of the parent of a version that did worse than it, so that
     * versions stay monotonic; its parent is the version whose parameters it republishes.
     */
    ModelUpdate rollback(RollbackWatch.Verdict verdict, long createdAt) {
        current++;
        ObjectNode metrics = JSON.createObjectNode();
        metrics.put(ORIGIN, origin);
        metrics.put("rollbackOf", verdict.badVersion());
        metrics.put("rollbackExamples", verdict.live().examples());
        number(metrics, "rollbackAucLive", verdict.live().auc());
        number(metrics, "rollbackAucParent", verdict.parent().auc());
        return new ModelUpdate(current, verdict.parentVersion(), configHash, createdAt, verdict.parentParams(), metrics.toString());
    }

    /** {@code update}, from outside, is the live version now. */
    void adopt(ModelUpdate update) {
        current = update.version();
    }

    /** Why {@code round}'s candidate passed the gate, as a version's metrics say it (JSON). */
    String evidence(FineTuner.Round round, Evaluation rolling) {
        ObjectNode metrics = JSON.createObjectNode();
        metrics.put(ORIGIN, origin);
        number(metrics, "trainLoss", round.trainLoss());
        metrics.put("gateExamples", round.gateExamples());
        number(metrics, "gateAucLive", round.liveAuc());
        number(metrics, "gateAucCandidate", round.candidateAuc());
        number(metrics, "gateLogLossLive", round.liveLogLoss());
        number(metrics, "gateLogLossCandidate", round.candidateLogLoss());
        number(metrics, "rollingAuc", rolling.auc());
        metrics.put("rollingExamples", rolling.examples());
        return metrics.toString();
    }

    /** JSON has no NaN: an undefined metric (no positives yet, say) is null. */
    private static void number(ObjectNode metrics, String name, double value) {
        if (Double.isFinite(value)) {
            metrics.put(name, value);
        } else {
            metrics.putNull(name);
        }
    }
}
