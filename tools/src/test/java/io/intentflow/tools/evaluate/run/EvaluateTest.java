package io.intentflow.tools.evaluate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.tools.evaluate.report.Chromium;
import io.intentflow.tools.pretrain.Pretrainer;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} end to end on a slice of the Taobao sample (its first 6,000 lines: 60 users'
 * whole histories), twice, with a small network so that it runs in well under a minute: the
 * report has every key the issue lists for every method, the page renders in headless chromium
 * with every chart, and the second run gives exactly the first run's numbers.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EvaluateTest {

    /** Where the shared data lives, from the module folder; {@code -Dintentflow.data=DIR} moves it. */
    private static final Path SAMPLE =
            Path.of(System.getProperty("intentflow.data", "../../shared/data"), "taobao-userbehavior", "UserBehavior.csv");
    private static final NetworkConfig SMALL = new NetworkConfig(8, 3, 16);
    private static final List<String> METHODS = List.of("online", "frozen", "cold_start", "ftrl", "heuristic", "gbdt");
    private static final List<String> KEYS = List.of("auc", "pr_auc", "log_loss", "f1", "ece", "by_events", "auc_ci", "model_versions");

    @TempDir
    static Path dir;

    private static JsonNode first;
    private static JsonNode second;

    @BeforeAll
    static void evaluateTwice() throws Exception {
        assumeTrue(Files.isRegularFile(SAMPLE), "the Taobao sample is not at " + SAMPLE.toAbsolutePath() + ": skipped");
        Path slice = dir.resolve("UserBehavior.csv");
        try (Stream<String> lines = Files.lines(SAMPLE)) {
            Files.write(slice, lines.limit(6_000).toList());
        }
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, "model:\n  conv-channels: 8\n  kernel: 3\n  lstm-size: 16\ntrain:\n  every: 200\n");
        Path coldStart = dir.resolve("cold-start.zip");
        Pretrainer.train(SMALL, 1042, 3_000, 1, coldStart);

        first = evaluate(slice, config, coldStart, dir.resolve("first"));
        second = evaluate(slice, config, coldStart, dir.resolve("second"));
    }

    private static JsonNode evaluate(Path input, Path config, Path coldStart, Path out) throws Exception {
        EvaluateSettings settings = EvaluateSettings.parse(new String[] {
            "--format", "taobao", "--input", input.toString(), "--out", out.toString(), "--config", config.toString(),
            "--cold-start", coldStart.toString()});
        Evaluate.run(settings, new PrintStream(OutputStream.nullOutputStream()));
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @Test
    void theReportHasEveryKeyForEveryMethod() {
        assertThat(first.fieldNames()).toIterable().contains(KEYS.toArray(String[]::new));
        assertThat(first.get("baselines").fieldNames()).toIterable().containsExactlyElementsOf(METHODS.subList(1, METHODS.size()));
        for (String baseline : METHODS.subList(1, METHODS.size())) {
            assertThat(first.get("baselines").get(baseline).fieldNames()).toIterable().as(baseline).contains(KEYS.toArray(String[]::new));
        }
        assertThat(first.get("auc").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.get("events").asInt()).as("events measured").isGreaterThan(1000);
        assertThat(first.get("positives").asInt()).as("positives measured").isGreaterThan(10);
        assertThat(first.at("/protocol/dataset").asText()).as("what was measured, with which inputs").isEqualTo("taobao UserBehavior.csv, model.features: session");
        JsonNode explanations = first.get("explanations");
        assertThat(explanations.get("sessions").asInt()).as("sessions explained").isPositive();
        assertThat(explanations.get("deleted_events").asInt()).isEqualTo(3);
        assertThat(explanations.get("deletion_drop_top").isNumber()).isTrue();
        assertThat(explanations.get("deletion_drop_random").isNumber()).isTrue();
        assertThat(first.get("value").isNull()).as("Taobao has no prices: no order value to measure").isTrue();
    }

    @Test
    void theOnlineModelLearnsWhileTheFrozenOneStaysWhereItStarted() {
        assertThat(versions(first)).as("the warm start, then what the trainer published on the second half").hasSizeGreaterThan(1).startsWith(1L);
        assertThat(versions(first.get("baselines").get("frozen"))).containsExactly(1L);
        assertThat(first.get("baselines").get("frozen").get("auc").asDouble())
                .as("the warm start is not the cold start")
                .isNotEqualTo(first.get("baselines").get("cold_start").get("auc").asDouble());
    }

    @Test
    void aSecondRunGivesTheSameNumbers() {
        assertThat(second).isEqualTo(first);
    }

    @Test
    void thePageRendersInTheBrowserWithEveryChartAndMethod() throws Exception {
        String dom = Chromium.renderedReport(dir, dir.resolve("first").resolve("report.html"), METHODS);
        assertThat(Chromium.svg(dom, "over-time")).contains("class=\"version\"");
        // One real session drawn with its explanation: a bar per event of its ring, the groups beside.
        String explanation = Chromium.svg(dom, "explanation");
        assertThat(explanation).contains("<rect class=\"event ");
        assertThat(dom).contains("<table class=\"groups\">").contains("<td>event_type</td>");
        assertThat(dom).contains("<h2>Order value</h2>").contains("stays untrained");
    }

    @Test
    void anUnknownFeatureSetIsRefusedByName() {
        assertThatThrownBy(() -> EvaluateSettings.parse(new String[] {"--format", "taobao", "--input", "x", "--out", "y", "--features", "items"}))
                .hasMessage("--features must be one of session, user, got 'items'");
    }

    @Test
    void theWarmStartsSeedIsAFlag() {
        String[] base = {"--format", "taobao", "--input", "x", "--out", "y"};
        assertThat(EvaluateSettings.parse(base).seed()).isEqualTo(EvaluateSettings.DEFAULT_SEED);
        String[] seeded = Arrays.copyOf(base, base.length + 2);
        seeded[base.length] = "--seed";
        seeded[base.length + 1] = "7";
        assertThat(EvaluateSettings.parse(seeded).seed()).isEqualTo(7);
    }

    private static List<Long> versions(JsonNode method) {
        List<Long> versions = new ArrayList<>();
        method.get("model_versions").forEach(v -> versions.add(v.get("version").asLong()));
        return versions;
    }
}
