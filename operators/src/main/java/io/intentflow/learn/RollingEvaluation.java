package io.intentflow.learn;

import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.training.Evaluation;
import io.intentflow.model.training.LabelledSession;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Prequential evaluation: the live model scores each labelled example before anything trains on
 * it; AUC and log-loss of those scores over the most recent examples.
 */
final class RollingEvaluation {

    private final int window;
    private final ArrayDeque<double[]> recent = new ArrayDeque<>();
    private Evaluation current = new Evaluation(Double.NaN, Double.NaN, 0);
    private boolean stale;

    RollingEvaluation(int window) {
        this.window = window;
    }

    /** Scores {@code examples} with {@code live}, in batch, and adds them to the window. @return the scores */
    float[] score(IntentNetwork live, List<LabelledSession> examples) {
        if (examples.isEmpty()) {
            return new float[0];
        }
        float[] scores = live.recomputeAll(examples.stream().map(LabelledSession::features).toList()).scores();
        for (int i = 0; i < scores.length; i++) {
            add(scores[i], examples.get(i).purchased());
        }
        return scores;
    }

    private void add(double score, boolean purchased) {
        recent.addLast(new double[] {score, purchased ? 1 : 0});
        if (recent.size() > window) {
            recent.removeFirst();
        }
        stale = true;
    }

    /** Recomputed lazily, at most once per training round; not thread-safe: the round's thread only. */
    Evaluation current() {
        if (stale) {
            double[] scores = new double[recent.size()];
            boolean[] labels = new boolean[recent.size()];
            int i = 0;
            for (double[] pair : recent) {
                scores[i] = pair[0];
                labels[i++] = pair[1] == 1;
            }
            current = Evaluation.of(scores, labels);
            stale = false;
        }
        return current;
    }
}
