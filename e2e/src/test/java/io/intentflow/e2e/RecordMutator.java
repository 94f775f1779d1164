package io.intentflow.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random clicks, most of them valid, the rest broken in every way a producer can break them:
 * truncation, flipped bytes, wrong types, huge strings, garbage, missing fields, unknown types,
 * impossible times, retries of earlier records, and stragglers hours behind the stream.
 */
final class RecordMutator {

    record Record(byte[] key, byte[] value) {}

    private static final String[] TYPES = {
        "view", "search", "add_to_cart", "remove_from_cart", "wishlist", "checkout_start", "purchase"
    };

    private final SplittableRandom random;
    private final List<Record> earlier = new ArrayList<>();
    private long clock;
    private int next;

    RecordMutator(SplittableRandom random, long start) {
        this.random = random;
        this.clock = start;
    }

    Record next() {
        clock += random.nextLong(0, 4_000);
        String user = "u" + random.nextInt(40);
        long ts = random.nextInt(100) < 2 ? clock - random.nextLong(2 * 3_600_000L, 4 * 3_600_000L) : clock - random.nextLong(0, 3_000);
        String valid = click("r" + next++, user, TYPES[random.nextInt(TYPES.length)], ts);
        Record record =
                switch (random.nextInt(32)) {
                    case 0 -> record(user, valid.substring(0, random.nextInt(valid.length())));
                    case 1 -> new Record(bytes(user), flipBytes(bytes(valid)));
                    case 2 -> record(user, valid.replace("\"ts\":" + ts, "\"ts\":\"" + ts + "\""));
                    case 3 -> record(user, valid.replace("\"price\":", "\"price\":\"") .replace(",\"ts\"", "\",\"ts\""));
                    case 4 -> record(user, valid.replace("\"userId\":\"" + user + "\"", "\"userId\":" + random.nextInt()));
                    case 5 -> record(user, valid.replace("\"itemId\":\"", "\"itemId\":\"" + "x".repeat(500)));
                    case 6 -> record(user, valid.replace("\"query\":null", "\"query\":\"" + "q".repeat(100_000) + "\""));
                    case 7 -> new Record(random.nextBoolean() ? null : bytes(user), garbage());
                    case 8 -> record(user, valid.replace("\"eventId\":\"r" + (next - 1) + "\",", ""));
                    case 9 -> record(user, valid.replaceFirst("\"type\":\"[a-z_]+\"", "\"type\":\"hover\""));
                    case 10 -> record(user, valid.replace("\"price\":", "\"price\":-"));
                    case 11 -> record(user, valid.replace("\"ts\":" + ts, "\"ts\":" + (ts / 1000)));
                    case 12 -> record(user, "[" + valid + "]");
                    case 13 -> earlier.isEmpty() ? record(user, valid) : earlier.get(random.nextInt(earlier.size()));
                    default -> record(user, valid);
                };
        if (earlier.size() < 500) {
            earlier.add(record);
        }
        return record;
    }

    private String click(String eventId, String user, String type, long ts) {
        return String.format(
                "{\"eventId\":\"%s\",\"userId\":\"%s\",\"type\":\"%s\",\"itemId\":\"i%d\",\"categoryId\":\"c%d\",\"price\":%d.%02d,\"query\":null,\"ts\":%d}",
                eventId, user, type, random.nextInt(500), random.nextInt(20), random.nextInt(300), random.nextInt(100), ts);
    }

    private byte[] flipBytes(byte[] value) {
        byte[] flipped = value.clone();
        for (int i = random.nextInt(1, 4); i > 0; i--) {
            flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
        }
        return flipped;
    }

    private byte[] garbage() {
        byte[] bytes = new byte[random.nextInt(1, 300)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static Record record(String key, String value) {
        return new Record(bytes(key), bytes(value));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
