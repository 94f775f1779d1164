package io.intentflow.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.records.DeadLetterReason;

/** Typed, validating reads of one JSON object's fields, shared by the record parsers. */
final class JsonFields {

    private final JsonNode node;

    JsonFields(JsonNode node) {
        this.node = node;
    }

    /** A present, non-blank string of at most {@code maxChars}. */
    String requiredString(String field, int maxChars) throws RejectedRecord {
        String value = optionalString(field, maxChars);
        if (value == null || value.isBlank()) {
            throw new RejectedRecord(
                    DeadLetterReason.MISSING_FIELD, "field '" + field + "' is missing or blank");
        }
        return value;
    }

    /** A string or null/absent; any other JSON type is rejected. */
    String optionalString(String field, int maxChars) throws RejectedRecord {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new RejectedRecord(
                    DeadLetterReason.INVALID_FIELD,
                    "field '" + field + "' must be a string, not " + value.getNodeType());
        }
        if (value.textValue().length() > maxChars) {
            throw new RejectedRecord(
                    DeadLetterReason.INVALID_FIELD,
                    "field '" + field + "' is longer than " + maxChars + " characters");
        }
        return value.textValue();
    }

    /** A finite, non-negative JSON number, or 0 when null/absent. */
    double amount(String field) throws RejectedRecord {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0.0;
        }
        if (!value.isNumber()) {
            throw new RejectedRecord(
                    DeadLetterReason.INVALID_PRICE, "field '" + field + "' must be a number");
        }
        double amount = value.doubleValue();
        if (!Double.isFinite(amount) || amount < 0) {
            throw new RejectedRecord(
                    DeadLetterReason.INVALID_PRICE,
                    "field '" + field + "' must be finite and not negative: " + value);
        }
        return amount;
    }

    /** Epoch milliseconds from 2000-01-01 up to {@code latest}. */
    long timestamp(String field, long latest) throws RejectedRecord {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new RejectedRecord(DeadLetterReason.MISSING_FIELD, "field '" + field + "' is missing");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new RejectedRecord(
                    DeadLetterReason.INVALID_TIMESTAMP,
                    "field '" + field + "' must be whole epoch milliseconds: " + abbreviate(value));
        }
        long ts = value.longValue();
        if (ts < InputLimits.MIN_TIMESTAMP || ts > latest) {
            throw new RejectedRecord(
                    DeadLetterReason.INVALID_TIMESTAMP,
                    "field '" + field + "' is outside [2000-01-01, now + allowed skew]: " + ts);
        }
        return ts;
    }

    JsonNode node(String field) {
        return node.get(field);
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
