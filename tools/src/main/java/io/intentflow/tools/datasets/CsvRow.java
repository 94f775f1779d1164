package io.intentflow.tools.datasets;

import io.intentflow.ingest.InputLimits;
import io.intentflow.model.EventType;
import io.intentflow.tools.datasets.RejectedRow.Reason;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The fields of one line, with typed reads that reject the line for the reason that fits. */
final class CsvRow {

    private final String[] fields;

    CsvRow(String[] fields) {
        this.fields = fields;
    }

    /** A non-blank id of at most the contract's length. */
    String id(int field, String name) throws RejectedRow {
        String value = fields[field];
        if (value.isBlank() || value.length() > InputLimits.MAX_ID_CHARS) {
            throw new RejectedRow(Reason.BAD_ID, name + " '" + abbreviate(value) + "' is blank or longer than " + InputLimits.MAX_ID_CHARS);
        }
        return value;
    }

    /** An id, or null where the field is empty. */
    String optionalId(int field, String name) throws RejectedRow {
        return fields[field].isEmpty() ? null : id(field, name);
    }

    String text(int field) {
        return fields[field];
    }

    EventType type(int field, Map<String, EventType> types) throws RejectedRow {
        EventType type = types.get(fields[field]);
        if (type == null) {
            throw new RejectedRow(Reason.UNKNOWN_TYPE, "event type '" + abbreviate(fields[field]) + "' is none of " + types.keySet());
        }
        return type;
    }

    long epochSeconds(int field) throws RejectedRow {
        long seconds = whole(field);
        return plausible(seconds > Long.MAX_VALUE / 1000 || seconds < 0 ? Long.MIN_VALUE : seconds * 1000, field);
    }

    long epochMillis(int field) throws RejectedRow {
        return plausible(whole(field), field);
    }

    /** A time in {@code format}, which must name its zone. */
    long time(int field, DateTimeFormatter format) throws RejectedRow {
        try {
            return plausible(Instant.from(format.parse(fields[field])).toEpochMilli(), field);
        } catch (DateTimeException e) {
            throw badTime(field);
        }
    }

    /** A finite, non-negative number. */
    double amount(int field, String name) throws RejectedRow {
        double value;
        try {
            value = Double.parseDouble(fields[field]);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!Double.isFinite(value) || value < 0) {
            throw new RejectedRow(Reason.BAD_NUMBER, name + " '" + abbreviate(fields[field]) + "' is not a finite, non-negative number");
        }
        return value;
    }

    private long whole(int field) throws RejectedRow {
        try {
            return Long.parseLong(fields[field]);
        } catch (NumberFormatException e) {
            throw badTime(field);
        }
    }

    /** Within what the job accepts: from 2000-01-01 to a day ahead of now. */
    private long plausible(long ts, int field) throws RejectedRow {
        long latest = System.currentTimeMillis() + InputLimits.defaults().maxFutureSkew().toMillis();
        if (ts < InputLimits.MIN_TIMESTAMP || ts > latest) {
            throw badTime(field);
        }
        return ts;
    }

    private RejectedRow badTime(int field) {
        return new RejectedRow(
                Reason.BAD_TIMESTAMP, "time '" + abbreviate(fields[field]) + "' is not in the format's unit or not within [2000-01-01, now + 1 day]");
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
