package io.intentflow.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.intentflow.model.EventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The JSON forms of the records the job writes, as in the contracts of DESIGN.md. */
public final class RecordJson {

    private static final JsonFactory JSON = new JsonFactory();

    private RecordJson() {}

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    public static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** A click in the form of the {@code clicks} contract. */
    public static byte[] click(Click c) {
        return object(
                json -> {
                    json.writeStringField("eventId", c.eventId());
                    json.writeStringField("userId", c.userId());
                    json.writeStringField("type", c.type().wireName());
                    json.writeStringField("itemId", c.itemId());
                    json.writeStringField("categoryId", c.categoryId());
                    json.writeNumberField("price", c.price());
                    json.writeStringField("query", c.query());
                    json.writeNumberField("ts", c.ts());
                });
    }

    /** A detected drift for the {@code model-drift} topic. */
    public static byte[] driftEvent(DriftEvent d) {
        return object(
                json -> {
                    json.writeStringField("signal", d.signal());
                    json.writeNumberField("detectedAt", d.detectedAt());
                    json.writeNumberField("liveVersion", d.liveVersion());
                    json.writeNumberField("detections", d.detections());
                    json.writeNumberField("statistic", d.statistic());
                    json.writeNumberField("threshold", d.threshold());
                    json.writeNumberField("meanLogLoss", d.meanLogLoss());
                });
    }

    /** A session update for the {@code session-updates} topic; the event ring stays internal. */
    public static byte[] sessionUpdate(SessionSnapshot s) {
        return object(
                json -> {
                    json.writeStringField("sessionId", s.sessionId());
                    json.writeStringField("userId", s.userId());
                    json.writeNumberField("events", s.events());
                    json.writeNumberField("duplicates", s.duplicates());
                    json.writeNumberField("startTs", s.startTs());
                    json.writeNumberField("lastTs", s.lastTs());
                    json.writeStringField("triggerEventId", s.triggerEventId());
                    json.writeStringField("change", s.change().name().toLowerCase(Locale.ROOT));
                    json.writeObjectFieldStart("counts");
                    for (EventType type : EventType.values()) {
                        json.writeNumberField(type.wireName(), s.count(type));
                    }
                    json.writeEndObject();
                    json.writeNumberField("cartValue", Math.max(0.0, s.cartValue()));
                });
    }

    /** A score for the {@code intent-scores} topic. */
    public static byte[] score(IntentScore s) {
        return object(
                json -> {
                    json.writeStringField("userId", s.userId());
                    json.writeStringField("sessionId", s.sessionId());
                    json.writeStringField("eventId", s.eventId());
                    json.writeNumberField("score", s.score());
                    if (s.value() == null) {
                        json.writeNullField("value");
                    } else {
                        json.writeNumberField("value", Math.round(s.value() * 100) / 100.0);
                    }
                    json.writeStringField("band", s.band());
                    json.writeNumberField("modelVersion", s.modelVersion());
                    json.writeNumberField("events", s.events());
                    json.writeNumberField("eventTs", s.eventTs());
                    json.writeNumberField("scoredAt", s.scoredAt());
                });
    }

    /** An explanation for the {@code intent-explanations} topic. */
    public static byte[] explanation(IntentExplanation x) {
        return object(
                json -> {
                    json.writeStringField("userId", x.userId());
                    json.writeStringField("sessionId", x.sessionId());
                    json.writeStringField("eventId", x.eventId());
                    json.writeNumberField("score", x.score());
                    json.writeStringField("band", x.band());
                    json.writeNumberField("modelVersion", x.modelVersion());
                    json.writeStringField("reason", x.reason());
                    json.writeArrayFieldStart("topEvents");
                    for (EventAttribution e : x.topEvents()) {
                        json.writeStartObject();
                        json.writeStringField("eventId", e.eventId());
                        json.writeStringField("type", e.type());
                        json.writeStringField("itemId", e.itemId());
                        json.writeNumberField("position", e.position());
                        json.writeNumberField("attribution", e.attribution());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                    json.writeObjectFieldStart("groups");
                    for (GroupAttribution g : x.groups()) {
                        json.writeNumberField(g.group(), g.attribution());
                    }
                    json.writeEndObject();
                    json.writeNumberField("eventTs", x.eventTs());
                    json.writeNumberField("explainedAt", x.explainedAt());
                });
    }

    /** A dead letter for the {@code dead-letters} topic. */
    public static byte[] deadLetter(DeadLetter d) {
        return object(
                json -> {
                    json.writeStringField("reason", d.reason().wireName());
                    json.writeStringField("detail", d.detail());
                    json.writeStringField("topic", d.origin() == null ? null : d.origin().topic());
                    json.writeNumberField("partition", d.origin() == null ? -1 : d.origin().partition());
                    json.writeNumberField("offset", d.origin() == null ? -1 : d.origin().offset());
                    json.writeStringField("key", d.key());
                    json.writeStringField("userId", d.userId());
                    json.writeStringField("payload", d.payload());
                    json.writeStringField("payloadBase64", d.payloadBase64());
                    json.writeNumberField("payloadBytes", d.payloadBytes());
                    json.writeBooleanField("truncated", d.truncated());
                    json.writeNumberField("receivedAt", d.receivedAt());
                });
    }

    private static byte[] object(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
