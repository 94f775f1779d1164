package io.intentflow.learn;

import java.io.Serializable;

/**
 * How the trainer detects drift in the live model's prequential log-loss (Page-Hinkley) and reacts.
 *
 * @param delta the rise in mean log-loss per example tolerated as noise
 * @param threshold how far the cumulative rise may go before a drift is signalled
 * @param rounds after a drift, how many rounds train at the raised learning rate
 * @param learningRateFactor the learning rate's multiplier in those rounds (1: unchanged)
 * @param psiThreshold a population-stability index of the live scores above this is a shift
 * @param psiWindow how many scores make the reference, and the live window compared with it
 */
public record DriftSettings(double delta, double threshold, int rounds, double learningRateFactor, double psiThreshold, int psiWindow)
        implements Serializable {}
