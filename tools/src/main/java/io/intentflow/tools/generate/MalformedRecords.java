package io.intentflow.tools.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Breaks a valid click in exactly one way, each a defect the job must dead-letter: the producer
 * bugs seen in real clickstreams.
 */
final class MalformedRecords {

    /** The ways a click gets broken; each record carries exactly one. */
    enum Defect {
        TRUNCATED_JSON,
        MISSING_USER_ID,
        BLANK_USER_ID,
        MISSING_EVENT_ID,
        BLANK_EVENT_ID,
        UNKNOWN_TYPE,
        NEGATIVE_PRICE,
        PRICE_AS_STRING,
        TS_IN_1999,
        TS_IN_FUTURE,
        BINARY_GARBAGE,
        JSON_ARRAY,
        /** Rare (1 in {@value MalformedRecords#OVERSIZE_ONE_IN}): each costs a megabyte on the wire. */
        OVERSIZE
    }

    static final int OVERSIZE_ONE_IN = 5000;
    /** More than the 1 MiB a record may have; brokers must allow 2 MiB to take it. */
    static final int OVERSIZE_PADDING_CHARS = 1024 * 1024 + 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long DAY_MS = 86_400_000L;
    private static final long START_OF_1999 = Instant.parse("1999-01-01T00:00:00Z").toEpochMilli();
    private static final String[] UNKNOWN_TYPES = {"page_ping", "scroll", "hover", "add-to-cart"};

    private MalformedRecords() {}

    static Defect pick(SplittableRandom random) {
        if (random.nextInt(OVERSIZE_ONE_IN) == 0) {
            return Defect.OVERSIZE;
        }
        return Defect.values()[random.nextInt(Defect.OVERSIZE.ordinal())];
    }

    /** @param json a valid click, as {@link io.intentflow.tools.kafka.RecordEncoder#click} writes it */
    static byte[] apply(Defect defect, byte[] json, SplittableRandom random) {
        return switch (defect) {
            case TRUNCATED_JSON -> Arrays.copyOf(json, random.nextInt(1, json.length));
            case BINARY_GARBAGE -> garbage(random);
            case JSON_ARRAY -> concat("[", json, "]");
            default -> edit(defect, json, random);
        };
    }

    private static byte[] edit(Defect defect, byte[] json, SplittableRandom random) {
        ObjectNode click = read(json);
        double price = click.path("price").isNumber() ? click.get("price").doubleValue() : 1 + random.nextInt(100);
        long ts = click.get("ts").longValue();
        switch (defect) {
            case MISSING_USER_ID -> click.remove("userId");
            case BLANK_USER_ID -> click.put("userId", random.nextBoolean() ? "" : "  ");
            case MISSING_EVENT_ID -> click.remove("eventId");
            case BLANK_EVENT_ID -> click.put("eventId", random.nextBoolean() ? "" : " ");
            case UNKNOWN_TYPE -> click.put("type", UNKNOWN_TYPES[random.nextInt(UNKNOWN_TYPES.length)]);
            case NEGATIVE_PRICE -> click.put("price", -Math.max(0.01, price));
            case PRICE_AS_STRING -> click.put("price", String.valueOf(price));
            case TS_IN_1999 -> click.put("ts", START_OF_1999 + Math.floorMod(ts, 365 * DAY_MS));
            // A client clock a year or two ahead: in the future for any start within the last 400 days.
            case TS_IN_FUTURE -> click.put("ts", ts + (400 + random.nextInt(366)) * DAY_MS);
            case OVERSIZE -> click.put("query", "x".repeat(OVERSIZE_PADDING_CHARS));
            default -> throw new IllegalArgumentException(defect + " is not a field edit");
        }
        try {
            return MAPPER.writeValueAsBytes(click);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode read(byte[] json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the encoder wrote invalid JSON", e);
        }
    }

    private static byte[] garbage(SplittableRandom random) {
        byte[] bytes = new byte[8 + random.nextInt(120)];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0xff; // never valid UTF-8, so never accidentally JSON
        return bytes;
    }

    private static byte[] concat(String before, byte[] json, String after) {
        return (before + new String(json, StandardCharsets.UTF_8) + after).getBytes(StandardCharsets.UTF_8);
    }
}
