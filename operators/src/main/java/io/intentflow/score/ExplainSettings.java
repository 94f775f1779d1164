package io.intentflow.score;

import java.io.Serializable;
import org.apache.flink.util.Preconditions;

/**
 * @param enabled whether the scorer explains scores at all
 * @param sampleRate the share of all scores explained besides those entering the high band, picked
 *     by a hash of their event id (so a replay picks the same ones)
 * @param topEvents most events an explanation names
 */
public record ExplainSettings(boolean enabled, double sampleRate, int topEvents) implements Serializable {

    /** No explanations. */
    public static final ExplainSettings OFF = new ExplainSettings(false, 0, 1);

    public ExplainSettings {
        Preconditions.checkArgument(sampleRate >= 0 && sampleRate <= 1, "the sample rate must be in [0, 1], was %s", sampleRate);
        Preconditions.checkArgument(topEvents >= 1 && topEvents <= 4096, "top events must be in [1, 4096], was %s", topEvents);
    }

    /** Whether the score of {@code eventId} is in the sample; the same answer for the same event, everywhere. */
    boolean sampled(String eventId) {
        if (sampleRate <= 0) {
            return false;
        }
        // A mixed hash: String.hashCode's low bits follow the ids' last characters too closely.
        long h = eventId.hashCode() * 0x9E3779B97F4A7C15L;
        double unit = ((h ^ (h >>> 29)) >>> 11) * 0x1.0p-53;
        return unit < sampleRate;
    }
}
