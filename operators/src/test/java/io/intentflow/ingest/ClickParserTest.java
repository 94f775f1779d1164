package io.intentflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.model.EventType;
import io.intentflow.records.DeadLetter;
import io.intentflow.records.DeadLetterReason;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.RecordOrigin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClickParserTest {

    private static final long NOW = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();
    private static final RecordOrigin ORIGIN = new RecordOrigin("clicks", 3, 1234L);
    private static final ClickParser PARSER = new ClickParser(new InputLimits(2048, Duration.ofDays(1)));

    private static final String VALID =
            "{\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"add_to_cart\",\"itemId\":\"i9\","
                    + "\"categoryId\":\"c2\",\"price\":19.5,\"query\":null,\"ts\":"
                    + (NOW - 1000)
                    + ",\"extra\":\"ignored\"}";

    private static IngestedClick parse(String json) {
        return PARSER.parse("u1".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8), ORIGIN, NOW);
    }

    @Test
    void parsesAValidClickAndKeepsItsOrigin() {
        IngestedClick result = parse(VALID);

        assertThat(result.isValid()).isTrue();
        assertThat(result.click().eventId()).isEqualTo("e1");
        assertThat(result.click().type()).isEqualTo(EventType.ADD_TO_CART);
        assertThat(result.click().price()).isEqualTo(19.5);
        assertThat(result.click().ts()).isEqualTo(NOW - 1000);
        assertThat(result.click().origin()).isEqualTo(ORIGIN);
    }

    @Test
    void searchWithoutPriceOrItemIsValid() {
        IngestedClick result =
                parse("{\"eventId\":\"e2\",\"userId\":\"u1\",\"type\":\"search\",\"query\":\"red shoes\",\"ts\":" + NOW + "}");

        assertThat(result.isValid()).isTrue();
        assertThat(result.click().price()).isZero();
        assertThat(result.click().itemId()).isNull();
        assertThat(result.click().query()).isEqualTo("red shoes");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "truncated JSON | {\"eventId\":\"e1\",\"userId\":\"u1\",\"ty | MALFORMED_JSON",
                "trailing garbage | {\"eventId\":\"e1\"} xyz | MALFORMED_JSON",
                "duplicate keys | {\"eventId\":\"e1\",\"eventId\":\"e2\",\"userId\":\"u1\",\"type\":\"view\",\"ts\":1714564800000} | MALFORMED_JSON",
                "empty | '' | MALFORMED_JSON",
                "array | [1,2,3] | NOT_AN_OBJECT",
                "string | '\"view\"' | NOT_AN_OBJECT",
                "missing eventId | {\"userId\":\"u1\",\"type\":\"view\",\"ts\":1714564800000} | MISSING_FIELD",
                "blank userId | {\"eventId\":\"e1\",\"userId\":\"  \",\"type\":\"view\",\"ts\":1714564800000} | MISSING_FIELD",
                "null userId | {\"eventId\":\"e1\",\"userId\":null,\"type\":\"view\",\"ts\":1714564800000} | MISSING_FIELD",
                "numeric userId | {\"eventId\":\"e1\",\"userId\":42,\"type\":\"view\",\"ts\":1714564800000} | INVALID_FIELD",
                "object itemId | {\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"view\",\"itemId\":{},\"ts\":1714564800000} | INVALID_FIELD",
                "unknown type | {\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"teleport\",\"ts\":1714564800000} | UNKNOWN_TYPE",
                "upper-case type | {\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"VIEW\",\"ts\":1714564800000} | UNKNOWN_TYPE",
                "negative price | {\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"view\",\"price\":-1,\"ts\":1714564800000} | INVALID_PRICE",
                "price as string | {\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"view\",\"price\":\"12.5\",\"ts\":1714564800000} | INVALID_PRICE",
                "huge price | {\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"view\",\"price\":1e400,\"ts\":1714564800000} | INVALID_PRICE",
                "missing ts | {\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"view\"} | MISSING_FIELD",
                "ts in seconds (1970) | {\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"view\",\"ts\":1714564800} | INVALID_TIMESTAMP",
                "ts in 1999 | {\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"view\",\"ts\":946684799999} | INVALID_TIMESTAMP",
                "ts two days ahead | {\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"view\",\"ts\":1714737600000} | INVALID_TIMESTAMP",
                "ts as string | {\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"view\",\"ts\":\"1714564800000\"} | INVALID_TIMESTAMP",
                "fractional ts | {\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"view\",\"ts\":1714564800000.5} | INVALID_TIMESTAMP",
            })
    void rejectsEachClassOfBadInputWithItsReason(String name, String json, DeadLetterReason reason) {
        IngestedClick result = parse(json);

        assertThat(result.isValid()).as(name).isFalse();
        DeadLetter letter = result.deadLetter();
        assertThat(letter.reason()).as(name).isEqualTo(reason);
        assertThat(letter.detail()).isNotBlank();
        assertThat(letter.origin()).isEqualTo(ORIGIN);
        assertThat(letter.key()).isEqualTo("u1");
        assertThat(letter.payload()).isEqualTo(json);
        assertThat(letter.truncated()).isFalse();
    }

    @Test
    void tooLongIdsAreInvalidFields() {
        String longId = "x".repeat(InputLimits.MAX_ID_CHARS + 1);
        IngestedClick result =
                parse("{\"eventId\":\"" + longId + "\",\"userId\":\"u1\",\"type\":\"view\",\"ts\":" + NOW + "}");

        assertThat(result.deadLetter().reason()).isEqualTo(DeadLetterReason.INVALID_FIELD);
    }

    @Test
    void oversizeRecordsAreCutButRememberTheirLength() {
        String huge = "{\"eventId\":\"e1\",\"pad\":\"" + "y".repeat(5000) + "\"}";

        DeadLetter letter = parse(huge).deadLetter();

        assertThat(letter.reason()).isEqualTo(DeadLetterReason.OVERSIZE);
        assertThat(letter.truncated()).isTrue();
        assertThat(letter.payloadBytes()).isEqualTo(huge.length());
        assertThat(Base64.getDecoder().decode(letter.payloadBase64())).hasSize(2048);
    }

    @Test
    void binaryGarbageIsKeptAsBase64() {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b, (byte) 0xc3};

        DeadLetter letter = PARSER.parse(null, garbage, ORIGIN, NOW).deadLetter();

        assertThat(letter.reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        assertThat(letter.payload()).isNull();
        assertThat(Base64.getDecoder().decode(letter.payloadBase64())).isEqualTo(garbage);
        assertThat(letter.key()).isNull();
    }

    @Test
    void aRecordWithoutValueIsMalformed() {
        assertThat(PARSER.parse(null, null, ORIGIN, NOW).deadLetter().reason())
                .isEqualTo(DeadLetterReason.MALFORMED_JSON);
    }
}
