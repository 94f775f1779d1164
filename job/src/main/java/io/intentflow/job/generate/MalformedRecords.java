package io.intentflow.job.generate;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Breaks a valid click in exactly one way, each a defect the job must dead-letter: the
 * producer bugs seen in real clickstreams.
 */
final class MalformedRecords {

    private static final long DAY_MS = 86_400_000L;

    private MalformedRecords() {}

    static byte[] breakClick(String json, long ts, SplittableRandom random) {
        // Oversize records are rare (1 in 5000 malformed): they are expensive to send.
        if (random.nextInt(5000) == 0) {
            return utf8(json.replace("\"query\":null", "\"query\":\"" + "x".repeat(100_000) + "\""));
        }
        return switch (random.nextInt(10)) {
            case 0 -> utf8(json.substring(0, 1 + random.nextInt(json.length() - 2)));
            case 1 -> utf8(json.replaceFirst("\"userId\":\"[^\"]*\"", "\"userId\":null"));
            case 2 -> utf8(json.replaceFirst("\"eventId\":\"[^\"]*\"", "\"eventId\":\" \""));
            case 3 -> utf8(json.replaceFirst("\"type\":\"[^\"]*\"", "\"type\":\"page_ping\""));
            case 4 -> utf8(json.replaceFirst("\"price\":", "\"price\":-1"));
            case 5 -> utf8(json.replaceFirst("\"price\":([0-9.E]+)", "\"price\":\"$1\""));
            case 6 -> utf8(json.replace("\"ts\":" + ts, "\"ts\":" + (ts % (365 * DAY_MS) + 915_148_800_000L)));
            case 7 -> utf8(json.replace("\"ts\":" + ts, "\"ts\":" + (ts + 400 * DAY_MS)));
            case 8 -> garbage(random);
            default -> utf8("[" + json + "]");
        };
    }

    private static byte[] garbage(SplittableRandom random) {
        byte[] bytes = new byte[8 + random.nextInt(120)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        bytes[0] = (byte) 0xff; // never valid UTF-8, so never accidentally JSON
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
