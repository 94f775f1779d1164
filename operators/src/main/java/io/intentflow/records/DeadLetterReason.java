package io.intentflow.records;

import java.util.Locale;

/** Why a record was dead-lettered; each reason has its own counter. */
public enum DeadLetterReason {
    /** Larger than {@code input.max-record-bytes}. */
    OVERSIZE,
    /** Not UTF-8 JSON, or truncated. */
    MALFORMED_JSON,
    /** Valid JSON, but not an object. */
    NOT_AN_OBJECT,
    /** A required field is absent, null or blank. */
    MISSING_FIELD,
    /** A field has the wrong JSON type or is too long. */
    INVALID_FIELD,
    /** {@code type} is not one of the contract's event types. */
    UNKNOWN_TYPE,
    /** Price or amount negative, not finite, or not a number. */
    INVALID_PRICE,
    /** Timestamp before 2000 or further in the future than allowed. */
    INVALID_TIMESTAMP,
    /** Later than the session window's allowed lateness. */
    LATE;

    /** The name used in the dead-letter topic and in metric names: {@code malformed_json}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
