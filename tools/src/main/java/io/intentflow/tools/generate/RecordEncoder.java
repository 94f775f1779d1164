package io.intentflow.tools.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The JSON of the {@code clicks} and {@code purchases} contracts (DESIGN.md), UTF-8. */
final class RecordEncoder {

    private static final JsonFactory JSON = new JsonFactory();

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private RecordEncoder() {}

    /** Absent values are written as null: item and category for searches, price and query where they do not apply. */
    static byte[] click(String eventId, String userId, SimulatedUser.Action action, long ts) {
        boolean hasItem = action.item() >= 0;
        return object(
                json -> {
                    json.writeStringField("eventId", eventId);
                    json.writeStringField("userId", userId);
                    json.writeStringField("type", action.type().wireName());
                    json.writeStringField("itemId", hasItem ? "i" + action.item() : null);
                    json.writeStringField("categoryId", hasItem ? "c" + Catalog.categoryOf(action.item()) : null);
                    if (action.price() == null) {
                        json.writeNullField("price");
                    } else {
                        json.writeNumberField("price", action.price());
                    }
                    json.writeStringField("query", action.query());
                    json.writeNumberField("ts", ts);
                });
    }

    static byte[] order(String orderId, String userId, long ts, double amount, List<Integer> items) {
        return object(
                json -> {
                    json.writeStringField("orderId", orderId);
                    json.writeStringField("userId", userId);
                    json.writeNumberField("ts", ts);
                    json.writeNumberField("amount", amount);
                    json.writeArrayFieldStart("items");
                    for (int item : items) {
                        json.writeString("i" + item);
                    }
                    json.writeEndArray();
                });
    }

    private static byte[] object(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(192);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
