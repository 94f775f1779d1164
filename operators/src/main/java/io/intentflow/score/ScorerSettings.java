package io.intentflow.score;

import io.intentflow.model.network.NetworkConfig;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.util.Preconditions;

/**
 * @param batchSize most session updates scored in one forward call
 * @param maxWait longest an update waits for its batch to fill (processing time)
 * @param mediumThreshold scores at or above are {@code medium}
 * @param highThreshold scores at or above are {@code high}
 * @param sessionExpiry event time after a session's last event when its carried state is
 *     dropped: the session gap plus the allowed lateness
 * @param explain which scores get an explanation, and how much of one
 */
public record ScorerSettings(
        NetworkConfig network,
        int batchSize,
        Duration maxWait,
        double mediumThreshold,
        double highThreshold,
        Duration sessionExpiry,
        ExplainSettings explain)
        implements Serializable {

    public ScorerSettings {
        Preconditions.checkArgument(batchSize >= 1 && batchSize <= 65_536, "batch size must be in [1, 65536]");
        Preconditions.checkArgument(!maxWait.isNegative(), "the batch wait must not be negative");
        Preconditions.checkArgument(
                0 <= mediumThreshold && mediumThreshold <= highThreshold && highThreshold <= 1,
                "band thresholds must satisfy 0 <= medium <= high <= 1");
    }

    public String band(float score) {
        return score >= highThreshold ? "high" : score >= mediumThreshold ? "medium" : "low";
    }
}
