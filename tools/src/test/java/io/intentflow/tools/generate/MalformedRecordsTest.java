package io.intentflow.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.ingest.ClickParser;
import io.intentflow.ingest.InputLimits;
import io.intentflow.tools.generate.MalformedRecords.Defect;
import io.intentflow.model.EventType;
import io.intentflow.records.DeadLetterReason;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.RecordOrigin;
import io.intentflow.tools.kafka.RecordEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each defect breaks exactly the rule it names, and the job's parser sees it. */
class MalformedRecordsTest {

    private static final Map<Defect, DeadLetterReason> REASONS = new EnumMap<>(Map.ofEntries(
            Map.entry(Defect.TRUNCATED_JSON, DeadLetterReason.MALFORMED_JSON),
            Map.entry(Defect.MISSING_USER_ID, DeadLetterReason.MISSING_FIELD),
            Map.entry(Defect.BLANK_USER_ID, DeadLetterReason.MISSING_FIELD),
            Map.entry(Defect.MISSING_EVENT_ID, DeadLetterReason.MISSING_FIELD),
            Map.entry(Defect.BLANK_EVENT_ID, DeadLetterReason.MISSING_FIELD),
            Map.entry(Defect.UNKNOWN_TYPE, DeadLetterReason.UNKNOWN_TYPE),
            Map.entry(Defect.NEGATIVE_PRICE, DeadLetterReason.INVALID_PRICE),
            Map.entry(Defect.PRICE_AS_STRING, DeadLetterReason.INVALID_PRICE),
            Map.entry(Defect.TS_IN_1999, DeadLetterReason.INVALID_TIMESTAMP),
            Map.entry(Defect.TS_IN_FUTURE, DeadLetterReason.INVALID_TIMESTAMP),
            Map.entry(Defect.BINARY_GARBAGE, DeadLetterReason.MALFORMED_JSON),
            Map.entry(Defect.JSON_ARRAY, DeadLetterReason.NOT_AN_OBJECT),
            Map.entry(Defect.OVERSIZE, DeadLetterReason.OVERSIZE)));
    private static final List<byte[]> VALID = List.of(
            RecordEncoder.click("e-1-1", "u00001", EventType.VIEW, "i123", "c2", 12.5, null, Simulated.START),
            RecordEncoder.click("e-1-2", "u00001", EventType.SEARCH, null, null, null, "red \"socks\"", Simulated.START));
    private static final ClickParser PARSER = new ClickParser(InputLimits.defaults());

    @Test
    void theValidClicksAreValid() {
        VALID.forEach(json -> assertThat(parse(json).isValid()).as(new String(json, StandardCharsets.UTF_8)).isTrue());
    }

    @Test
    void everyDefectIsRejectedForTheReasonItNames() {
        assertThat(REASONS).containsOnlyKeys(Defect.values());
        SplittableRandom random = new SplittableRandom(1);
        for (Defect defect : Defect.values()) {
            for (byte[] json : VALID) {
                for (int i = 0; i < (defect == Defect.OVERSIZE ? 1 : 200); i++) {
                    byte[] broken = MalformedRecords.apply(defect, json, random);
                    IngestedClick parsed = parse(broken);
                    assertThat(parsed.isValid()).as("%s: %s", defect, text(broken)).isFalse();
                    assertThat(parsed.deadLetter().reason()).as("%s: %s", defect, text(broken)).isEqualTo(REASONS.get(defect));
                }
            }
        }
    }

    @Test
    void anOversizeRecordCarriesMoreThanAMebibyte() {
        byte[] broken = MalformedRecords.apply(Defect.OVERSIZE, VALID.get(0), new SplittableRandom(1));
        assertThat(broken.length).isGreaterThan(1024 * 1024).isLessThan(2 * 1024 * 1024 - 1024);
    }

    @Test
    void defectsArePickedEvenlyAndOversizeOnesRarely() {
        SplittableRandom random = new SplittableRandom(2);
        Map<Defect, Integer> counts = new EnumMap<>(Defect.class);
        int picks = 240_000;
        for (int i = 0; i < picks; i++) {
            counts.merge(MalformedRecords.pick(random), 1, Integer::sum);
        }
        assertThat(counts.get(Defect.OVERSIZE)).isBetween(20, 80);
        for (Defect defect : Defect.values()) {
            if (defect != Defect.OVERSIZE) {
                assertThat(counts.get(defect)).as("%s", defect).isBetween(18_000, 22_000);
            }
        }
    }

    private static IngestedClick parse(byte[] value) {
        return PARSER.parse(null, value, new RecordOrigin("clicks", 0, 0), Simulated.NOW);
    }

    private static String text(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
