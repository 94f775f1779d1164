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
 * @param cpuShare of one core, the most that rounds take on average: after a round of d seconds
 *     the trainer's thread rests d * (1 / cpuShare - 1) seconds, scoring what arrives, before the
 *     next; the rest of the machine stays the stream's
 * @param registryDir where every published version is written (zip + json); null for nowhere
 * @param metricsWindow how many recent examples the rolling AUC and log-loss cover
 * @param rollbackMargin a live version whose prequential AUC falls below its parent's on the same
 *     examples by more than this is rolled back
 * @param rollbackMinExamples ... once at least this many examples were scored since it went live
 * @param drift how drift in the live model's log-loss is detected and met
 * @param shadow whether a candidate that passed the gate is tried on live traffic before it goes live
 * @param origin who publishes: stamped on every version this trainer publishes, so that reading
 *     them back from the {@code model-updates} topic is not taken for a version from outside
 */
public record TrainerSettings(
        NetworkConfig network,
        FineTunerSettings fineTuning,
        int every,
        Duration interval,
        int minExamples,
        int maxWaiting,
        double cpuShare,
        String registryDir,
        int metricsWindow,
        double rollbackMargin,
        int rollbackMinExamples,
        DriftSettings drift,
        ShadowSettings shadow,
        String origin)
        implements Serializable {}
