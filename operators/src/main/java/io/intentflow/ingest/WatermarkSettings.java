package io.intentflow.ingest;

import java.time.Duration;
import java.util.Optional;
import org.apache.flink.util.Preconditions;
import org.apache.flink.util.TimeUtils;

/**
 * Event time of the clicks and purchases sources.
 *
 * @param outOfOrderness how far an event may lag the newest event of its partition
 * @param idleness how long a partition without records holds the watermark back
 * @param alignment how far a partition may run ahead of the slowest one of either source; empty:
 *     without limit
 */
public record WatermarkSettings(Duration outOfOrderness, Duration idleness, Optional<Alignment> alignment) {

    /**
     * @param maxDrift how far (in event time) a partition may be ahead of the slowest before it is paused
     * @param updateInterval how often the source subtasks report their watermarks and learn the new limit
     */
    public record Alignment(Duration maxDrift, Duration updateInterval) {

        public Alignment {
            Preconditions.checkArgument(!maxDrift.isNegative() && !maxDrift.isZero(), "max drift must be positive");
            // Flink counts the interval in whole milliseconds.
            Preconditions.checkArgument(
                    updateInterval.toMillis() >= 1, "update interval must be at least 1 ms, was %s", TimeUtils.formatWithHighestUnit(updateInterval));
        }
    }

    public WatermarkSettings {
        Preconditions.checkArgument(!outOfOrderness.isNegative(), "out-of-orderness must not be negative");
        Preconditions.checkArgument(!idleness.isNegative() && !idleness.isZero(), "idleness must be positive");
        // A partition that falls quiet (purchases, at night) must be released before the others, at
        // the wall clock's pace, are a max drift ahead of it; else each quiet spell pauses them all.
        alignment.ifPresent(
                a -> Preconditions.checkArgument(
                        idleness.compareTo(a.maxDrift()) < 0,
                        "idleness (%s) must be less than the alignment's max drift (%s)",
                        TimeUtils.formatWithHighestUnit(idleness),
                        TimeUtils.formatWithHighestUnit(a.maxDrift())));
    }
}
