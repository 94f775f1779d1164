package io.intentflow.ingest;

import io.intentflow.records.DeadLetter;
import io.intentflow.records.DeadLetterReason;
import io.intentflow.records.RecordOrigin;
import java.io.Serializable;

/**
 * Turns the bytes of one record into a validated value, or into a dead letter that says why not.
 * Never throws for bad input: every record comes out as one or the other.
 *
 * @param <T> the validated value
 * @param <I> what the source emits: the value or its dead letter
 */
public abstract class RecordParser<T, I> implements Serializable {

    private static final long serialVersionUID = 1L;

    protected final InputLimits limits;

    RecordParser(InputLimits limits) {
        this.limits = limits;
    }

    /** @param now the parser's clock, for the future-timestamp check and the dead letter's time */
    public I parse(byte[] key, byte[] value, RecordOrigin origin, long now) {
        try {
            if (value == null) {
                throw new RejectedRecord(DeadLetterReason.MALFORMED_JSON, "record has no value");
            }
            if (value.length > limits.maxRecordBytes()) {
                throw new RejectedRecord(
                        DeadLetterReason.OVERSIZE, value.length + " bytes, more than the limit of " + limits.maxRecordBytes());
            }
            return valid(read(StrictJson.object(value), origin, now + limits.maxFutureSkew().toMillis()));
        } catch (RejectedRecord rejected) {
            return rejected(
                    DeadLetters.of(rejected.reason(), rejected.getMessage(), key, value, limits.maxRecordBytes(), origin, now));
        }
    }

    /** @param latestTs the latest plausible event time */
    abstract T read(JsonFields json, RecordOrigin origin, long latestTs) throws RejectedRecord;

    abstract I valid(T value);

    abstract I rejected(DeadLetter deadLetter);
}
