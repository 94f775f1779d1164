package io.intentflow.tools.datasets;

import java.util.Locale;

/** A line of a dataset that carries no valid record, and why. */
public final class RejectedRow extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a line was rejected; the report counts each. */
    public enum Reason {
        /** The file's last line, cut off before its line end (a truncated download or copy). */
        CUT_OFF,
        /** Not the format's number of fields; blank lines too. */
        FIELD_COUNT,
        /** A user, session or item id that is blank, or longer than the contract's 128 characters. */
        BAD_ID,
        /** An event type the format does not have. */
        UNKNOWN_TYPE,
        /**
         * A time that does not parse in the format's unit, or lies before 2000-01-01 or more than a
         * day ahead: the job would refuse it, and a paced replay would wait on it for years.
         */
        BAD_TIMESTAMP,
        /** A price or quantity that is not a finite, non-negative number. */
        BAD_NUMBER,
        /** Not one JSON object: cut, not UTF-8, or an array or plain value (the {@code intentflow} format). */
        NOT_JSON,
        /** Longer than the job's default {@code input.max-record-bytes}, 64 KiB (the {@code intentflow} format). */
        OVERSIZE,
        /**
         * A required field missing or blank, or a field of the wrong JSON type or too long (the
         * {@code intentflow} format; the detail names the field).
         */
        BAD_FIELD;

        /** The name in reports: {@code cut_off}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    RejectedRow(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
