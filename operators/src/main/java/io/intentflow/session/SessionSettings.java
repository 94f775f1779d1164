package io.intentflow.session;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.util.Preconditions;

/**
 * @param gap inactivity (event time) that ends a session
 * @param ringSize how many of a session's latest events it keeps for the scorer
 * @param allowedLateness how long after a session's end it still accepts events; later ones are
 *     dead-lettered as late
 * @param userHistoryTtl how long a user's history outlives their last event, under {@code
 *     model.features: user}
 */
public record SessionSettings(Duration gap, int ringSize, Duration allowedLateness, Duration userHistoryTtl)
        implements Serializable {

    public static final Duration DEFAULT_USER_HISTORY_TTL = Duration.ofDays(90);

    public SessionSettings {
        Preconditions.checkArgument(!gap.isNegative() && !gap.isZero(), "session gap must be positive");
        Preconditions.checkArgument(ringSize >= 1 && ringSize <= 4096, "ring size must be in [1, 4096]");
        Preconditions.checkArgument(!allowedLateness.isNegative(), "allowed lateness must not be negative");
        Preconditions.checkArgument(
                !userHistoryTtl.isNegative() && !userHistoryTtl.isZero(), "the user history's time to live must be positive");
    }

    public SessionSettings(Duration gap, int ringSize, Duration allowedLateness) {
        this(gap, ringSize, allowedLateness, DEFAULT_USER_HISTORY_TTL);
    }

    public static SessionSettings defaults() {
        return new SessionSettings(Duration.ofMinutes(30), 64, Duration.ZERO);
    }
}
