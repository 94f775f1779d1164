package io.intentflow.learn;

import io.intentflow.model.training.Evaluation;
import io.intentflow.model.training.LabelledSession;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The live model's scores and another model's on the same examples, the most recent {@code
 * window} of them, with their labels: the two evaluations are paired (the same sessions, the same
 * labels), so a small difference between them means something. Round's thread only.
 */
final class PairedScores {

    /** AUC and log-loss of the live model and of the other one, on the same examples. */
    record Compared(Evaluation live, Evaluation other) {}

    private final int window;
    private final ArrayDeque<double[]> recent = new ArrayDeque<>();
    private long added;

    PairedScores(int window) {
        this.window = window;
    }

    /** The live model scored {@code examples} {@code liveScores}, the other {@code otherScores}. */
    void add(List<LabelledSession> examples, float[] liveScores, float[] otherScores) {
        for (int i = 0; i < liveScores.length; i++) {
            recent.addLast(new double[] {liveScores[i], otherScores[i], examples.get(i).purchased() ? 1 : 0});
            if (recent.size() > window) {
                recent.removeFirst();
            }
        }
        added += liveScores.length;
    }

    /** Examples added since the last {@link #clear}, including those the window no longer holds. */
    long added() {
        return added;
    }

    /** Examples in the window. */
    int size() {
        return recent.size();
    }

    void clear() {
        recent.clear();
        added = 0;
    }

    /** Both evaluations over the window; an AUC is NaN while it holds one class only. */
    Compared compare() {
        double[] live = new double[recent.size()];
        double[] other = new double[recent.size()];
        boolean[] labels = new boolean[recent.size()];
        int i = 0;
        for (double[] triple : recent) {
            live[i] = triple[0];
            other[i] = triple[1];
            labels[i++] = triple[2] == 1;
        }
        return new Compared(Evaluation.of(live, labels), Evaluation.of(other, labels));
    }
}
