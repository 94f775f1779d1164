package io.intentflow.e2e;

import io.intentflow.tools.demo.JobMetrics;
import java.util.TreeMap;

/**
 * Whether a learning job has come to rest, from its metrics in the REST API: the trainer has
 * published, every scorer subtask runs its version, and neither examples nor scores moved for
 * 3 s. Rounds run only on new examples, so nothing changes until new input: a savepoint taken
 * now holds the version every scorer runs, with no round half done.
 */
final class LearningSettled {

    static final String SCORER = "Score intent (DL4J)";
    static final String SCORER_METRICS = "Score_intent_(DL4J).";
    static final String TRAINER = "Train and publish model versions";

    private static final long QUIET_MILLIS = 3000;

    private LearningSettled() {}

    static boolean settled(JobMetrics metrics, int scorers) {
        double examples = metrics.get(TRAINER, "examples").orElse(-1);
        double scores = totalScores(metrics);
        try {
            Thread.sleep(QUIET_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        double trainer = metrics.get(TRAINER, "modelVersion").orElse(0);
        TreeMap<Integer, Double> versions = scorerVersions(metrics);
        return trainer > 1
                && versions.size() == scorers
                && versions.values().stream().allMatch(v -> v == trainer)
                && metrics.get(TRAINER, "examples").orElse(-1) == examples
                && totalScores(metrics) == scores;
    }

    /** The live model version of each scorer subtask. */
    static TreeMap<Integer, Double> scorerVersions(JobMetrics metrics) {
        return metrics.bySubtask(SCORER, SCORER_METRICS + "modelVersion");
    }

    private static double totalScores(JobMetrics metrics) {
        return metrics.bySubtask(SCORER, SCORER_METRICS + "scores").values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
