package io.intentflow.ingest;

import io.intentflow.model.EventType;
import io.intentflow.privacy.UserIdKeySource;
import io.intentflow.records.Click;
import io.intentflow.records.DeadLetter;
import io.intentflow.records.DeadLetterReason;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.RecordOrigin;

/** Parses and validates one record of the {@code clicks} topic. */
public final class ClickParser extends RecordParser<Click, IngestedClick> {

    private static final long serialVersionUID = 1L;

    /** A parser that keeps user ids raw, for tools that read records of their own. */
    public ClickParser(InputLimits limits) {
        this(limits, UserIdKeySource.NONE);
    }

    public ClickParser(InputLimits limits, UserIdKeySource keys) {
        super(limits, keys);
    }

    @Override
    Click read(JsonFields json, RecordOrigin origin, long latestTs) throws RejectedRecord {
        String eventId = json.requiredString("eventId", InputLimits.MAX_ID_CHARS);
        String userId = userId(json);
        String typeName = json.requiredString("type", InputLimits.MAX_ID_CHARS);
        EventType type =
                EventType.fromWireName(typeName)
                        .orElseThrow(() -> new RejectedRecord(DeadLetterReason.UNKNOWN_TYPE, "unknown event type '" + typeName + "'"));
        return new Click(
                eventId,
                userId,
                type,
                json.optionalString("itemId", InputLimits.MAX_ID_CHARS),
                json.optionalString("categoryId", InputLimits.MAX_ID_CHARS),
                json.amount("price"),
                json.optionalString("query", InputLimits.MAX_QUERY_CHARS),
                json.timestamp("ts", latestTs),
                origin);
    }

    @Override
    IngestedClick valid(Click click) {
        return IngestedClick.valid(click);
    }

    @Override
    IngestedClick rejected(DeadLetter deadLetter) {
        return IngestedClick.rejected(deadLetter);
    }
}
