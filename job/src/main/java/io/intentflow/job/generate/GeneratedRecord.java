package io.intentflow.job.generate;

/**
 * One record the generator writes, with what it is, so that tests and the demo can predict
 * what the job must do with it.
 *
 * @param eventTs the event time written into the record (for malformed ones, the time it had)
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
        /** A valid click held back past its session's end: the job counts it as late. */
        LATE,
        /** A valid click held back a few seconds, within the watermark's bound. */
        OUT_OF_ORDER
    }

    public boolean isClick() {
        return kind != Kind.PURCHASE;
    }
}
