package io.intentflow.learn;

import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.training.FineTunerSettings;
import java.io.Serializable;
import java.time.Duration;

/**
 * @param every a round starts once this many labelled examples arrived since the last one started
 * @param interval ... or once this much processing time has passed since the last round started,
 *     with at least {@code minExamples} waiting
 * @param maxWaiting the most examples one round trains on: beyond it, a uniform sample of those
 *     that arrived (all are still scored)
 * @param registryDir where every published version is written (zip + json); null for nowhere
 * @param metricsWindow how many recent examples the rolling AUC and log-loss cover
 */
public record TrainerSettings(
        NetworkConfig network,
        FineTunerSettings fineTuning,
        int every,
        Duration interval,
        int minExamples,
        int maxWaiting,
        String registryDir,
        int metricsWindow)
        implements Serializable {}
