package io.intentflow.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.intentflow.records.DeadLetterReason;
import java.io.IOException;

/** Parses one record's bytes as a single JSON object, strictly. */
final class StrictJson {

    // Thread-safe once configured; shared by every parser in the JVM.
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    static {
        // Nesting or numbers this deep are an attack or garbage, not a click.
        MAPPER.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(64).build());
    }

    private StrictJson() {}

    static JsonFields object(byte[] bytes) throws RejectedRecord {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            throw new RejectedRecord(DeadLetterReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        if (node == null || node.isMissingNode()) {
            throw new RejectedRecord(DeadLetterReason.MALFORMED_JSON, "empty record");
        }
        if (!node.isObject()) {
            throw new RejectedRecord(
                    DeadLetterReason.NOT_AN_OBJECT, "expected a JSON object, got " + node.getNodeType());
        }
        return new JsonFields(node);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "not JSON";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() <= 200 ? line : line.substring(0, 200);
    }
}
