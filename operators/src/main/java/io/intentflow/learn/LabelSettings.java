package io.intentflow.learn;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.util.Preconditions;

/**
 * @param horizon how long after a prefix a purchase still makes it positive; when the watermark
 *     passes the prefix plus the horizon without one, it is negative
 * @param maxPending most prefixes a user may have waiting for their label; the oldest beyond
 *     are dropped and counted
 */
public record LabelSettings(Duration horizon, int maxPending) implements Serializable {

    public LabelSettings {
        Preconditions.checkArgument(!horizon.isNegative() && !horizon.isZero(), "the label horizon must be positive");
        Preconditions.checkArgument(maxPending >= 1, "at least one pending prefix per user");
    }
}
