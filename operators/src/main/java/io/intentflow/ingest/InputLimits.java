package io.intentflow.ingest;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.util.Preconditions;

/**
 * What the parsers accept: record size, field length and the window of plausible event times.
 *
 * @param maxRecordBytes records larger than this are dead-lettered as oversize, and dead letters
 *     keep at most this many bytes of a payload
 * @param maxFutureSkew how far past the parser's clock an event time may lie
 */
public record InputLimits(int maxRecordBytes, Duration maxFutureSkew) implements Serializable {

    /** Event times before this are a unit mix-up (seconds for milliseconds) or a default value. */
    public static final long MIN_TIMESTAMP = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

    /** Ids and category names longer than this are not ids. */
    public static final int MAX_ID_CHARS = 128;

    public static final int MAX_QUERY_CHARS = 1024;

    public InputLimits {
        Preconditions.checkArgument(maxRecordBytes >= 1024, "max record size must be at least 1 KiB");
        Preconditions.checkArgument(!maxFutureSkew.isNegative(), "future skew must not be negative");
    }

    public static InputLimits defaults() {
        return new InputLimits(64 * 1024, Duration.ofDays(1));
    }
}
