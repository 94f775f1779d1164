package io.intentflow.ingest;

import io.intentflow.model.EventType;
import io.intentflow.records.Click;
import io.intentflow.records.DeadLetterReason;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.RecordOrigin;
import java.io.Serializable;

/**
 * Turns the bytes of one {@code clicks} record into a validated {@link Click}, or into a dead
 * letter that says why not. Never throws for bad input: every record comes out as one or the
 * other.
 */
public final class ClickParser implements Serializable {

    private static final long serialVersionUID = 1L;

    private final InputLimits limits;

    public ClickParser(InputLimits limits) {
        this.limits = limits;
    }

    /**
     * @param now the parser's clock, for the future-timestamp check and the dead letter's time
     */
    public IngestedClick parse(byte[] key, byte[] value, RecordOrigin origin, long now) {
        try {
            return IngestedClick.valid(click(value, origin, now));
        } catch (RejectedRecord rejected) {
            return IngestedClick.rejected(
                    DeadLetters.of(
                            rejected.reason(),
                            rejected.getMessage(),
                            key,
                            value,
                            limits.maxRecordBytes(),
                            origin,
                            now));
        }
    }

    private Click click(byte[] value, RecordOrigin origin, long now) throws RejectedRecord {
        if (value == null) {
            throw new RejectedRecord(DeadLetterReason.MALFORMED_JSON, "record has no value");
        }
        if (value.length > limits.maxRecordBytes()) {
            throw new RejectedRecord(
                    DeadLetterReason.OVERSIZE,
                    value.length + " bytes, more than the limit of " + limits.maxRecordBytes());
        }
        JsonFields json = StrictJson.object(value);
        String eventId = json.requiredString("eventId", InputLimits.MAX_ID_CHARS);
        String userId = json.requiredString("userId", InputLimits.MAX_ID_CHARS);
        String typeName = json.requiredString("type", InputLimits.MAX_ID_CHARS);
        EventType type =
                EventType.fromWireName(typeName)
                        .orElseThrow(
                                () ->
                                        new RejectedRecord(
                                                DeadLetterReason.UNKNOWN_TYPE,
                                                "unknown event type '" + typeName + "'"));
        return new Click(
                eventId,
                userId,
                type,
                json.optionalString("itemId", InputLimits.MAX_ID_CHARS),
                json.optionalString("categoryId", InputLimits.MAX_ID_CHARS),
                json.amount("price"),
                json.optionalString("query", InputLimits.MAX_QUERY_CHARS),
                json.timestamp("ts", now + limits.maxFutureSkew().toMillis()),
                origin);
    }
}
