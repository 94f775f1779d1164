package io.intentflow.records;

/**
 * A drift the trainer detected, for the {@code model-drift} topic: what changed, when, and the
 * values that showed it.
 *
 * @param signal what changed; {@code prequential-log-loss}: the live model's log-loss on labelled
 *     examples rose; {@code score-distribution}: its scores' distribution moved from its reference
 * @param detectedAt wall-clock time of the round that reacted to it, epoch ms
 * @param liveVersion the model version live when it was detected
 * @param detections how many times the test signalled since the previous round
 * @param statistic the Page-Hinkley statistic at the (last) signal, or the population-stability index
 * @param threshold the statistic's threshold ({@code train.drift.threshold} or {@code train.drift.psi-threshold})
 * @param meanLogLoss the Page-Hinkley test's running mean of the log-loss at its last signal
 */
public record DriftEvent(
        String signal, long detectedAt, long liveVersion, int detections, double statistic, double threshold, double meanLogLoss) {}
