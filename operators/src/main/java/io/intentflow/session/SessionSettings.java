package io.intentflow.session;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.util.Preconditions;

/**
 * @param gap inactivity (event time) that ends a session
 * @param ringSize how many of a session's latest events it keeps for the scorer
 * @param allowedLateness how long after a session's end it still accepts events; later ones are
 *     dead-lettered as late
 */
public record SessionSettings(Duration gap, int ringSize, Duration allowedLateness)
        implements Serializable {

    public SessionSettings {
        Preconditions.checkArgument(!gap.isNegative() && !gap.isZero(), "session gap must be positive");
        Preconditions.checkArgument(ringSize >= 1 && ringSize <= 4096, "ring size must be in [1, 4096]");
        Preconditions.checkArgument(!allowedLateness.isNegative(), "allowed lateness must not be negative");
    }

    public static SessionSettings defaults() {
        return new SessionSettings(Duration.ofMinutes(30), 64, Duration.ZERO);
    }
}
