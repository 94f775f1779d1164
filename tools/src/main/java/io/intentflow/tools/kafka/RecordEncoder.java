package io.intentflow.tools.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.intentflow.model.EventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The JSON of the {@code clicks} and {@code purchases} contracts (DESIGN.md), UTF-8, as the generator and replay write them. */
public final class RecordEncoder {

    private static final JsonFactory JSON = new JsonFactory();

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private RecordEncoder() {}

    /** Null values are written as JSON null: the contract's absent item, category, price or query. */
    public static byte[] click(
            String eventId, String userId, EventType type, String itemId, String categoryId, Double price, String query, long ts) {
        return object(
                json -> {
                    json.writeStringField("eventId", eventId);
                    json.writeStringField("userId", userId);
                    json.writeStringField("type", type.wireName());
                    json.writeStringField("itemId", itemId);
                    json.writeStringField("categoryId", categoryId);
                    if (price == null) {
                        json.writeNullField("price");
                    } else {
                        json.writeNumberField("price", price);
                    }
                    json.writeStringField("query", query);
                    json.writeNumberField("ts", ts);
                });
    }

    public static byte[] order(String orderId, String userId, long ts, double amount, List<String> items) {
        return object(
                json -> {
                    json.writeStringField("orderId", orderId);
                    json.writeStringField("userId", userId);
                    json.writeNumberField("ts", ts);
                    json.writeNumberField("amount", amount);
                    json.writeArrayFieldStart("items");
                    for (String item : items) {
                        json.writeString(item);
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
