package io.intentflow.learn;

import io.intentflow.model.training.FineTuner;
import io.intentflow.model.training.LabelledSession;
import io.intentflow.model.training.PageHinkley;
import io.intentflow.records.DriftEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Detects drift as it happens, in the live model's prequential log-loss (a {@link PageHinkley}
 * test over every example scored) and in the distribution of its scores ({@link ScoreStability}
 * against the live version's first scores, checked before each round: a shift is reported, not
 * reacted to, since a new population need not make the model wrong). A rise in the loss has the
 * next round react: the gate forgets its older
 * held-back examples, so candidates are compared on data from after the drift only, and the
 * learning rate is raised for a bounded number of rounds. Not state: a restore starts afresh.
 * Round's thread only.
 */
final class DriftWatch {

    /**
     * What the metrics and the drift event show: drifts detected since the last round, the test's
     * statistic now, rounds left at the raised rate, and the statistic and mean log-loss at the last signal.
     */
    record Status(
            int detected, double statistic, int boostRoundsLeft, double signalledStatistic, double signalledMeanLogLoss, double psi, boolean psiShift) {

        /** The drift events for the topic: a rise of the loss (the round reacted to it), a shift of the scores. */
        List<DriftEvent> events(long liveVersion, long now, DriftSettings settings) {
            List<DriftEvent> events = new ArrayList<>();
            if (detected > 0) {
                events.add(new DriftEvent("prequential-log-loss", now, liveVersion, detected, signalledStatistic, settings.threshold(), signalledMeanLogLoss));
            }
            if (psiShift) {
                events.add(new DriftEvent("score-distribution", now, liveVersion, 1, psi, settings.psiThreshold(), signalledMeanLogLoss));
            }
            return events;
        }
    }

    /** A score of 0.01 on the wrong side: a few confident errors in a row are not a drift. */
    private static final double MAX_LOSS = -Math.log(0.01);

    /** Values before the test may signal: its running mean needs a few to settle. */
    private static final int MIN_VALUES = 30;

    private final DriftSettings settings;
    private final PageHinkley test;
    private final ScoreStability stability;
    private int detected;
    private boolean pending;
    private int boostRoundsLeft;

    DriftWatch(DriftSettings settings) {
        this.settings = settings;
        this.test = new PageHinkley(settings.delta(), settings.threshold(), MIN_VALUES);
        this.stability = new ScoreStability(settings.psiWindow());
    }

    /** A new version went live: its first scores are the distribution's reference. */
    void newVersion() {
        stability.newReference();
    }

    /** The live model scored {@code examples} {@code scores}. */
    void score(List<LabelledSession> examples, float[] scores) {
        for (int i = 0; i < scores.length; i++) {
            stability.add(scores[i]);
            double p = examples.get(i).purchased() ? scores[i] : 1 - scores[i];
            if (test.add(Math.min(MAX_LOSS, -Math.log(Math.max(1e-7, p))))) {
                detected++;
                pending = true;
            }
        }
    }

    /** Before a round trains: reacts to a drift detected since the last round, and sets the round's learning rate. */
    void prepare(FineTuner tuner) {
        if (pending) {
            tuner.forgetGate();
            boostRoundsLeft = settings.rounds();
            pending = false;
        }
        tuner.setLearningRateFactor(boostRoundsLeft > 0 ? settings.learningRateFactor() : 1);
        if (boostRoundsLeft > 0) {
            boostRoundsLeft--;
        }
    }

    /** After a round: what it saw; the count of detections starts again. */
    Status status() {
        double psi = stability.psi();
        boolean psiShift = psi > settings.psiThreshold();
        if (psiShift) {
            // Reported once: the shifted distribution is the reference from now on.
            stability.newReference();
        }
        Status status = new Status(
                detected, test.statistic(), boostRoundsLeft, test.signalledStatistic(), test.signalledMean(), psi, psiShift);
        detected = 0;
        return status;
    }
}
