package io.intentflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intentflow.tools.generate.GeneratedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounts for every click a test sent, by event id, against what the job committed: each valid
 * click (a retry sent twice counts twice) must have exactly one score, unless it was dead-lettered
 * as {@code late}; each malformed one exactly one dead letter. For the fault tests, where a
 * restart must neither lose nor repeat a score.
 */
final class ScoreAccounting {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Valid clicks sent, by event id: how many times each was sent. */
    private final Map<String, Integer> sent = new HashMap<>();
    private final String clicksTopic;
    private int clicks;
    private int malformed;

    ScoreAccounting(String clicksTopic) {
        this.clicksTopic = clicksTopic;
    }

    /** Notes a record sent; only the clicks topic's count. */
    void sent(GeneratedRecord record) {
        if (!record.topic().equals(clicksTopic)) {
            return;
        }
        clicks++;
        if (record.kind() == GeneratedRecord.Kind.MALFORMED) {
            malformed++;
        } else {
            sent.merge(eventId(record.value()), 1, Integer::sum);
        }
    }

    void sentAll(List<GeneratedRecord> records) {
        records.forEach(this::sent);
    }

    /** What the committed scores and dead letters say about the clicks sent so far. */
    Result account(List<JsonNode> scores, List<JsonNode> deadLetters) {
        Map<String, Integer> expected = new HashMap<>(sent);
        int late = 0;
        int otherDeadLetters = 0;
        for (JsonNode letter : deadLetters) {
            if (!letter.get("topic").asText().equals(clicksTopic)) {
                continue;
            }
            if (letter.get("reason").asText().equals("late")) {
                late++;
                expected.merge(eventId(letter.get("payload").asText().getBytes(StandardCharsets.UTF_8)), -1, Integer::sum);
            } else {
                otherDeadLetters++;
            }
        }
        Map<String, Integer> scored = new HashMap<>();
        scores.forEach(s -> scored.merge(s.get("eventId").asText(), 1, Integer::sum));
        int duplicates = 0;
        int missing = 0;
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            int got = scored.getOrDefault(e.getKey(), 0);
            duplicates += Math.max(0, got - e.getValue());
            missing += Math.max(0, e.getValue() - got);
        }
        for (Map.Entry<String, Integer> e : scored.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                duplicates += e.getValue();
            }
        }
        return new Result(clicks, malformed, scores.size(), late, otherDeadLetters, duplicates, missing);
    }

    /**
     * @param sent click records sent, malformed ones included
     * @param malformed of which broken on purpose
     * @param scored committed scores
     * @param late clicks dead-lettered as late
     * @param deadLettered other dead letters of the clicks topic
     * @param duplicates scores beyond one per valid click sent and not late
     * @param missing valid clicks neither scored nor late
     */
    record Result(int sent, int malformed, int scored, int late, int deadLettered, int duplicates, int missing) {

        /** Every click accounted for exactly once. */
        boolean exact() {
            return duplicates == 0 && missing == 0 && deadLettered == malformed;
        }

        @Override
        public String toString() {
            return String.format(
                    "sent=%d scored=%d dead_lettered=%d (late %d, malformed %d of %d sent) duplicates=%d missing=%d",
                    sent, scored, late + deadLettered, late, deadLettered, malformed, duplicates, missing);
        }
    }

    /** The {@code eventId} of a click's JSON. */
    static String eventId(byte[] json) {
        try {
            return JSON.readTree(json).get("eventId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
