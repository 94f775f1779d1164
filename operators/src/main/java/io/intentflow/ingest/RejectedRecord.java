package io.intentflow.ingest;

import io.intentflow.records.DeadLetterReason;

/** Thrown inside a parser to leave it with a reason; never escapes the parser. */
final class RejectedRecord extends Exception {

    private static final long serialVersionUID = 1L;

    private final DeadLetterReason reason;

    RejectedRecord(DeadLetterReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    DeadLetterReason reason() {
        return reason;
    }
}
