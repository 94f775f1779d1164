package io.intentflow.tools.evaluate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intentflow.model.EventType;
import io.intentflow.model.training.Auc;
import io.intentflow.model.training.Evaluation;
import io.intentflow.tools.evaluate.ScoredEvent;
import io.intentflow.tools.evaluate.TimeSplit;
import io.intentflow.tools.evaluate.metrics.EventsSeenBucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {

    private static final Set<String> ISSUE_KEYS = Set.of("auc", "pr_auc", "log_loss", "f1", "ece", "by_events");

    private static EvaluationReport report;
    private static ObjectNode json;

    @BeforeAll
    static void evaluateTheSimulatedShop() {
        report = SimulatedEvaluation.report(800, 7);
        json = report.json();
    }

    @Test
    void theIssuesKeysAtTheTopAndTheSameKeysInEveryBaseline() {
        assertThat(fields(json)).containsAll(ISSUE_KEYS).contains("baselines", "auc_ci", "coveo_cart", "calibration", "model_versions");
        assertThat(fields(json.get("baselines"))).containsExactly("frozen", "ftrl", "heuristic", "gbdt");
        Set<String> methodKeys = new HashSet<>(fields(json));
        methodKeys.removeAll(Set.of("baselines", "protocol", "value"));
        methodKeys.add("online_lead");
        for (JsonNode baseline : json.get("baselines")) {
            assertThat(new HashSet<>(fields(baseline))).isEqualTo(methodKeys);
            assertThat(fields(baseline.get("by_events"))).isEqualTo(fields(json.get("by_events")));
        }
        assertThat(fields(json.get("by_events"))).containsExactly(
                Arrays.stream(EventsSeenBucket.values()).map(EventsSeenBucket::label).toArray(String[]::new));
        assertThat(fields(json.get("by_events").get("1"))).containsAll(ISSUE_KEYS.stream().filter(k -> !k.equals("by_events")).toList());
    }

    @Test
    void theValuesAreTheMetricsOfTheOnlineEvents() {
        MethodResult online = report.online();
        assertThat(json.get("events").asInt()).isEqualTo(online.overall().events());
        assertThat(json.get("auc").asDouble()).isEqualTo(online.overall().auc());
        double low = json.get("auc_ci").get(0).asDouble();
        double high = json.get("auc_ci").get(1).asDouble();
        assertThat(low).isLessThanOrEqualTo(json.get("auc").asDouble());
        assertThat(high).isGreaterThanOrEqualTo(json.get("auc").asDouble());
        int inBuckets = 0;
        for (JsonNode bucket : json.get("by_events")) {
            inBuckets += bucket.get("events").asInt();
        }
        assertThat(inBuckets).isEqualTo(online.overall().events());
        assertThat(json.get("model_versions")).hasSize(5);
        assertThat(json.get("coveo_cart").get("weighted").asDouble()).isBetween(0.0, 4.5);
        assertThat(json.get("protocol").get("bootstrap").get("unit").asText()).isEqualTo("user");
    }

    @Test
    void eachBaselineCarriesTheOnlineModelsLeadOverItWithItsInterval() {
        for (JsonNode baseline : json.get("baselines")) {
            JsonNode lead = baseline.get("online_lead");
            assertThat(lead.get("auc").asDouble()).isCloseTo(json.get("auc").asDouble() - baseline.get("auc").asDouble(), within(1e-12));
            assertThat(lead.get("pr_auc").asDouble())
                    .isCloseTo(json.get("pr_auc").asDouble() - baseline.get("pr_auc").asDouble(), within(1e-12));
            for (String metric : List.of("auc", "pr_auc")) {
                assertThat(lead.get(metric).asDouble()).isBetween(lead.get(metric + "_ci").get(0).asDouble(), lead.get(metric + "_ci").get(1).asDouble());
            }
        }
        String html = report.html();
        assertThat(html).contains("How far the online model is ahead");
        for (String name : report.baselines().keySet()) {
            assertThat(html).contains("<tr data-method=\"" + name + "\"><td><b>" + name + "</b></td><td");
        }
    }

    @Test
    void aSmallReportWorkedByHand() throws Exception {
        // Four users, one session each; "1" holds negatives only, so its AUC is undefined: null in JSON.
        List<ScoredEvent> events = List.of(
                event("a", 1, 0.2, false), event("a", 2, 0.9, true),
                event("b", 1, 0.1, false), event("b", 2, 0.3, false),
                event("c", 1, 0.4, false), event("c", 2, 0.6, true),
                event("d", 1, 0.3, false), event("d", 2, 0.8, false));
        ReportSettings settings = ReportSettings.of("hand-made", new TimeSplit(0, 0, 10_000), Duration.ofMinutes(30), 0.7);
        ObjectNode small = EvaluationReport.of(events, Map.of(), settings).json();
        double[] scores = events.stream().mapToDouble(ScoredEvent::score).toArray();
        boolean[] labels = new boolean[events.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = events.get(i).label();
        }
        // Positives 0.9 and 0.6 against negatives 0.2, 0.1, 0.3, 0.4, 0.3, 0.8: 11 of 12 pairs.
        assertThat(small.get("auc").asDouble()).isCloseTo(11.0 / 12, within(1e-12)).isEqualTo(Auc.of(scores, labels));
        assertThat(small.get("log_loss").asDouble()).isEqualTo(Evaluation.logLoss(scores, labels));
        // At 0.7: 0.9 right, 0.8 wrong, 0.6 missed: precision 1/2, recall 1/2.
        assertThat(small.get("precision").asDouble()).isEqualTo(0.5);
        assertThat(small.get("recall").asDouble()).isEqualTo(0.5);
        assertThat(small.get("f1").asDouble()).isEqualTo(0.5);
        assertThat(small.get("by_events").get("1").get("auc").isNull()).isTrue();
        assertThat(small.get("by_events").get("2").get("auc").asDouble()).isCloseTo(0.75, within(1e-12));
        assertThat(new ObjectMapper().writeValueAsString(small)).as("valid JSON: no NaN").doesNotContain("NaN");
    }

    @Test
    void refusesABaselineMeasuredOnOtherEvents() {
        List<ScoredEvent> online = List.of(event("a", 1, 0.2, false), event("a", 2, 0.9, true));
        ReportSettings settings = ReportSettings.of("hand-made", new TimeSplit(0, 0, 10_000), Duration.ofMinutes(30), 0.7);
        assertThatThrownBy(() -> EvaluationReport.of(online, Map.of("gbdt", online.subList(0, 1)), settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gbdt");
    }

    @Test
    void writesTheJsonAndASelfContainedPage(@TempDir Path dir) throws Exception {
        report.write(dir);
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(dir.resolve("report.json").toFile())).isEqualTo(mapper.readTree(mapper.writeValueAsString(json)));
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).as("nothing to fetch, no script").doesNotContain("http:", "https:", "<script", "<link", "src=", "@import");
        for (String chart : List.of("roc", "pr", "reliability", "by-events", "over-time")) {
            assertThat(html).contains("<svg id=\"" + chart + "\"");
        }
    }

    private static ScoredEvent event(String user, int eventsSeen, double score, boolean label) {
        return new ScoredEvent(user, user + "-0", eventsSeen, 1000L * eventsSeen, EventType.VIEW, score, label, 1);
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
