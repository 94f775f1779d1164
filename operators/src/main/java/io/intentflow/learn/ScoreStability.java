package io.intentflow.learn;

import java.util.Arrays;

/**
 * The population-stability index of the live model's scores: how far the distribution of its
 * recent prequential scores (ten equal bins of [0, 1]) has moved from its reference, the first
 * {@code size} scores of the version after it went live. PSI = Σ (live − reference) · ln(live /
 * reference) over the bins' shares; by the usual reading, below 0.1 no shift, above 0.25 a large
 * one. A shift in who arrives, or in how they behave, shows here before any label does. Round's
 * thread only; O(1) per score.
 */
final class ScoreStability {

    private static final int BINS = 10;
    /** An empty bin counts as this share, so that the logarithm stays finite. */
    private static final double FLOOR = 1e-4;

    private final int size;
    private final long[] reference = new long[BINS];
    private final long[] live = new long[BINS];
    /** The bins of the most recent {@code size} scores, a ring. */
    private final byte[] recent;
    private long referenceCount;
    private long seen;

    ScoreStability(int size) {
        this.size = size;
        this.recent = new byte[size];
    }

    /** A new version went live, or a shift was signalled: its first scores become the reference. */
    void newReference() {
        Arrays.fill(reference, 0);
        Arrays.fill(live, 0);
        referenceCount = 0;
        seen = 0;
    }

    void add(float score) {
        int bin = Math.min(BINS - 1, Math.max(0, (int) (score * BINS)));
        if (referenceCount < size) {
            reference[bin]++;
            referenceCount++;
            return;
        }
        int slot = (int) (seen % size);
        if (seen >= size) {
            live[recent[slot]]--;
        }
        recent[slot] = (byte) bin;
        live[bin]++;
        seen++;
    }

    /** The index once the reference and a full window of live scores are in; 0 before. */
    double psi() {
        if (referenceCount < size || seen < size) {
            return 0;
        }
        double psi = 0;
        for (int i = 0; i < BINS; i++) {
            double r = Math.max(FLOOR, reference[i] / (double) size);
            double l = Math.max(FLOOR, live[i] / (double) size);
            psi += (l - r) * Math.log(l / r);
        }
        return psi;
    }
}
