package io.intentflow.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.ingest.ClickParser;
import io.intentflow.ingest.InputLimits;
import io.intentflow.tools.generate.GeneratedRecord.Kind;
import io.intentflow.model.EventType;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.RecordOrigin;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The records as a stream: reproducible, in the configured mix, in (nearly) time order. */
class ClickstreamSimulationTest {

    private static final int RECORDS = 50_000;
    /** Jitter of ±2 s on both records, plus up to 0.5 s between a purchase click and its order. */
    private static final long IN_ORDER_SLACK_MS = 2 * Disorder.JITTER_MS + 500;
    private static final Set<EventType> ITEM_EVENTS =
            EnumSet.of(EventType.VIEW, EventType.ADD_TO_CART, EventType.REMOVE_FROM_CART, EventType.WISHLIST);
    private static final ClickParser PARSER = new ClickParser(InputLimits.defaults());

    private static List<GeneratedRecord> records;

    @BeforeAll
    static void simulate() {
        records = Simulated.take(Simulated.simulation(7, 1000), RECORDS);
    }

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedDoesNot() {
        List<GeneratedRecord> again = Simulated.take(Simulated.simulation(7, 1000), 20_000);
        for (int i = 0; i < again.size(); i++) {
            GeneratedRecord expected = records.get(i);
            GeneratedRecord actual = again.get(i);
            boolean same = Arrays.equals(actual.value(), expected.value())
                    && actual.topic().equals(expected.topic())
                    && actual.key().equals(expected.key())
                    && actual.eventTs() == expected.eventTs()
                    && actual.kind() == expected.kind();
            if (!same) {
                assertThat(actual).as("record %d", i).isEqualTo(expected);
            }
        }
        List<GeneratedRecord> other = Simulated.take(Simulated.simulation(8, 1000), 100);
        assertThat(other.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)))
                .isNotEqualTo(records.subList(0, 100).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void disorderAndDefectsComeInTheConfiguredShares() {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        records.forEach(r -> counts.merge(r.kind(), 1, Integer::sum));
        double clicks = RECORDS - counts.get(Kind.PURCHASE);

        assertThat(counts.get(Kind.MALFORMED) / clicks).isBetween(0.0035, 0.0065);
        assertThat(counts.get(Kind.LATE) / clicks).isBetween(0.002, 0.004);
        assertThat(counts.get(Kind.OUT_OF_ORDER) / clicks).isBetween(0.017, 0.023);
        assertThat(counts.get(Kind.DUPLICATE) / clicks).isBetween(0.0012, 0.0028);
        assertThat(counts.get(Kind.PURCHASE) / clicks).isBetween(0.005, 0.05);
    }

    @Test
    void everyValidClickHonoursTheContract() {
        Set<String> eventIds = new HashSet<>();
        for (GeneratedRecord record : records) {
            if (!Simulated.VALID_CLICKS.contains(record.kind())) {
                continue;
            }
            String text = new String(record.value(), StandardCharsets.UTF_8);
            JsonNode click = Simulated.json(record);
            assertThat(click.isObject()).as(text).isTrue();
            assertThat(click.path("eventId").asText()).as(text).matches("e-7-\\d+");
            assertThat(click.path("userId").asText()).as(text).matches("u\\d{5}").isEqualTo(record.key());
            EventType type = EventType.fromWireName(click.path("type").asText()).orElseThrow(() -> new AssertionError(text));
            assertThat(click.path("ts").isIntegralNumber()).as(text).isTrue();
            assertThat(click.get("ts").asLong()).isEqualTo(record.eventTs());
            if (type == EventType.SEARCH) {
                assertThat(click.path("query").isTextual()).as(text).isTrue();
                assertThat(click.path("price").isNull()).as(text).isTrue();
            } else {
                assertThat(click.path("price").isNumber() && click.get("price").asDouble() >= 0).as(text).isTrue();
                assertThat(click.path("query").isNull()).as(text).isTrue();
            }
            if (ITEM_EVENTS.contains(type)) {
                assertThat(click.path("itemId").asText()).as(text).matches("i\\d+");
                assertThat(click.path("categoryId").asText()).as(text).isEqualTo("c" + Integer.parseInt(click.get("itemId").asText().substring(1)) / 50);
            }
            assertThat(parse(record).isValid()).as(text).isTrue();
            assertThat(eventIds.add(click.get("eventId").asText()) || record.kind() == Kind.DUPLICATE).as("unique %s", text).isTrue();
        }
    }

    @Test
    void everyMalformedRecordBreaksTheContract() {
        List<GeneratedRecord> malformed = records.stream().filter(r -> r.kind() == Kind.MALFORMED).toList();
        assertThat(malformed).isNotEmpty();
        for (GeneratedRecord record : malformed) {
            assertThat(parse(record).isValid()).as(new String(record.value(), StandardCharsets.UTF_8)).isFalse();
        }
    }

    @Test
    void simulatedTimeOnlyGoesBackWhereDisorderIsMeantTo() {
        long latest = Simulated.START;
        int outOfOrderAndBehind = 0;
        for (GeneratedRecord record : records) {
            long behind = latest - record.eventTs();
            switch (record.kind()) {
                case LATE -> assertThat(behind).isBetween(Disorder.MIN_LATE_MS - 60_000, Disorder.MAX_LATE_MS + IN_ORDER_SLACK_MS);
                case OUT_OF_ORDER -> {
                    assertThat(behind).isLessThanOrEqualTo(Disorder.MAX_OUT_OF_ORDER_MS + IN_ORDER_SLACK_MS);
                    outOfOrderAndBehind += behind > IN_ORDER_SLACK_MS ? 1 : 0;
                }
                default -> {
                    assertThat(behind).as("%s record behind by %d ms", record.kind(), behind).isLessThanOrEqualTo(IN_ORDER_SLACK_MS);
                    latest = Math.max(latest, record.eventTs());
                }
            }
        }
        assertThat(outOfOrderAndBehind).as("held back further than jitter explains").isGreaterThan(200);
    }

    @Test
    void theEmissionClockNeverGoesBack() {
        ClickstreamSimulation simulation = Simulated.simulation(3, 200);
        long clock = simulation.nextEmissionTime();
        assertThat(clock).isGreaterThanOrEqualTo(Simulated.START);
        for (int i = 0; i < 20_000; i++) {
            simulation.next();
            assertThat(simulation.nextEmissionTime()).isGreaterThanOrEqualTo(clock);
            clock = simulation.nextEmissionTime();
        }
    }

    @Test
    void theMalformedRateIsAFlag() {
        String[] base = {"--seed", "7", "--users", "300", "--start", String.valueOf(Simulated.START), "--malformed-rate"};
        assertThat(kinds(base, "0")).doesNotContain(Kind.MALFORMED);
        long broken = kinds(base, "0.2").stream().filter(k -> k == Kind.MALFORMED).count();
        assertThat(broken).isBetween(1_700L, 2_300L);
    }

    private static List<Kind> kinds(String[] base, String malformedRate) {
        String[] args = Arrays.copyOf(base, base.length + 1);
        args[base.length] = malformedRate;
        ClickstreamSimulation simulation = new ClickstreamSimulation(GeneratorSettings.parse(args), BehaviourModel.standard());
        return Simulated.take(simulation, 10_000).stream().map(GeneratedRecord::kind).toList();
    }

    private static IngestedClick parse(GeneratedRecord record) {
        return PARSER.parse(record.key().getBytes(StandardCharsets.UTF_8), record.value(), new RecordOrigin("clicks", 0, 0), Simulated.NOW);
    }
}
