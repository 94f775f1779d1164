package io.intentflow.job.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intentflow.ingest.ClickParser;
import io.intentflow.ingest.InputLimits;
import io.intentflow.job.generate.GeneratedRecord.Kind;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.RecordOrigin;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClickstreamSimulationTest {

    private static final long START = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
    private static final long NOW = START + 30L * 86_400_000L;
    private static final int RECORDS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClickParser PARSER = new ClickParser(InputLimits.defaults());

    private static List<GeneratedRecord> records;
    private static ClickstreamSimulation simulation;

    @BeforeAll
    static void simulate() {
        simulation = new ClickstreamSimulation(GeneratorSettings.of(7, 500, START), new BehaviourModel());
        records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(simulation.next());
        }
    }

    private static List<GeneratedRecord> take(long seed, int count) {
        ClickstreamSimulation other = new ClickstreamSimulation(GeneratorSettings.of(seed, 500, START), new BehaviourModel());
        List<GeneratedRecord> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(other.next());
        }
        return out;
    }

    private static IngestedClick parse(GeneratedRecord record) {
        return PARSER.parse(null, record.value(), new RecordOrigin("clicks", 0, 0), NOW);
    }

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedDoesNot() {
        List<GeneratedRecord> again = take(7, 20_000);
        for (int i = 0; i < again.size(); i++) {
            assertThat(again.get(i).value()).isEqualTo(records.get(i).value());
            assertThat(again.get(i).kind()).isEqualTo(records.get(i).kind());
        }
        assertThat(take(8, 100).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList())
                .isNotEqualTo(records.subList(0, 100).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void disorderAndDefectsComeInTheConfiguredShares() {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        records.forEach(r -> counts.merge(r.kind(), 1, Integer::sum));
        double clicks = RECORDS - counts.getOrDefault(Kind.PURCHASE, 0);

        assertThat(counts.get(Kind.MALFORMED) / clicks).isBetween(0.003, 0.008);
        assertThat(counts.get(Kind.LATE) / clicks).isBetween(0.0015, 0.0045);
        assertThat(counts.get(Kind.OUT_OF_ORDER) / clicks).isBetween(0.015, 0.025);
        assertThat(counts.get(Kind.DUPLICATE) / clicks).isBetween(0.001, 0.0035);
        assertThat(counts.get(Kind.PURCHASE)).isPositive();
    }

    @Test
    void everyClickHonoursTheContractAndEveryMalformedRecordBreaksIt() {
        for (GeneratedRecord record : records) {
            if (record.kind() == Kind.PURCHASE) {
                continue;
            }
            IngestedClick parsed = parse(record);
            if (record.kind() == Kind.MALFORMED) {
                assertThat(parsed.isValid()).as(new String(record.value(), StandardCharsets.UTF_8)).isFalse();
            } else {
                assertThat(parsed.isValid()).as(new String(record.value(), StandardCharsets.UTF_8)).isTrue();
                assertThat(parsed.click().userId()).isEqualTo(record.key());
            }
        }
    }

    @Test
    void everyOrderHasThePurchaseClickThatMadeIt() throws Exception {
        // The click may come late or broken; the order system does not wait for the clickstream.
        Map<String, List<Long>> purchaseTimes = new HashMap<>();
        for (GeneratedRecord record : records) {
            boolean purchaseClick = new String(record.value(), StandardCharsets.UTF_8).contains("\"type\":\"purchase\"");
            if (record.kind() != Kind.PURCHASE && (purchaseClick || record.kind() == Kind.MALFORMED)) {
                purchaseTimes.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.eventTs());
            }
        }
        int orders = 0;
        for (GeneratedRecord record : records) {
            if (record.kind() == Kind.PURCHASE) {
                JsonNode order = JSON.readTree(record.value());
                long ts = order.get("ts").asLong();
                assertThat(purchaseTimes.getOrDefault(order.get("userId").asText(), List.of()))
                        .as("purchase click for order %s", order.get("orderId"))
                        .anyMatch(clickTs -> clickTs <= ts && ts - clickTs <= 500);
                assertThat(order.get("items").size()).isPositive();
                assertThat(order.get("amount").asDouble()).isPositive();
                orders++;
            }
        }
        assertThat(orders).isGreaterThan(50);
    }

    @Test
    void usersWithHigherHiddenIntentBuyMore() {
        Map<String, int[]> perUser = new HashMap<>(); // clicks, purchases
        for (GeneratedRecord record : records) {
            if (record.kind() == Kind.CLICK) {
                int[] c = perUser.computeIfAbsent(record.key(), k -> new int[2]);
                c[0]++;
                if (new String(record.value(), StandardCharsets.UTF_8).contains("\"type\":\"purchase\"")) {
                    c[1]++;
                }
            }
        }
        String[] byIntent = perUser.keySet().stream().sorted((a, b) -> Double.compare(simulation.intentOf(a), simulation.intentOf(b))).toArray(String[]::new);
        int quarter = byIntent.length / 4;
        double low = purchaseRate(perUser, Arrays.copyOfRange(byIntent, 0, quarter));
        double high = purchaseRate(perUser, Arrays.copyOfRange(byIntent, byIntent.length - quarter, byIntent.length));

        assertThat(high).as("purchases per click, top intent quartile vs bottom (%f)", low).isGreaterThan(3 * low);
    }

    @Test
    void aUsersSessionsAreSeparatedByMoreThanTheSessionGap() throws Exception {
        Map<String, Long> lastSeen = new HashMap<>();
        int withinSession = 0;
        int betweenSessions = 0;
        for (GeneratedRecord record : records) {
            if (record.kind() != Kind.CLICK) {
                continue;
            }
            Long previous = lastSeen.put(record.key(), record.eventTs());
            if (previous != null) {
                long gap = record.eventTs() - previous;
                assertThat(gap > 30 * 60_000L && gap < 34 * 60_000L).as("a gap of %d ms straddles the session gap", gap).isFalse();
                if (gap > 30 * 60_000L) {
                    betweenSessions++;
                } else {
                    withinSession++;
                }
            }
        }
        assertThat(betweenSessions).isPositive();
        assertThat(withinSession).isGreaterThan(betweenSessions);
    }

    private static double purchaseRate(Map<String, int[]> perUser, String[] users) {
        double clicks = 0;
        double purchases = 0;
        for (String user : users) {
            clicks += perUser.get(user)[0];
            purchases += perUser.get(user)[1];
        }
        return purchases / clicks;
    }
}
