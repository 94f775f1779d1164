package io.intentflow.tools.generate;

/**
 * One record the generator writes, with what it is, so that tests and the demo can predict
 * what the job must do with it.
 *
 * @param key the user id; the Kafka key is its UTF-8 bytes
 * @param eventTs the event time written into the record (for a malformed one, the time it had
 *     before it was broken)
 */
public record GeneratedRecord(String topic, String key, byte[] value, long eventTs, Kind kind) {

    public enum Kind {
        /** A valid click, emitted in order. */
        CLICK,
        /** An order on the purchases topic. */
        PURCHASE,
        /** A click broken in one known way; the job must dead-letter it. */
        MALFORMED,
        /** The same bytes as the click before it: a producer retry. */
        DUPLICATE,
        /** A valid click held back 45-120 simulated minutes, past its session's end. */
        LATE,
        /** A valid click held back a few simulated seconds. */
        OUT_OF_ORDER
    }

    /** This record's bytes, sent again or held back, as {@code kind}. */
    GeneratedRecord as(Kind kind) {
        return new GeneratedRecord(topic, key, value, eventTs, kind);
    }
}
