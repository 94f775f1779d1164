package io.intentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intentflow.tools.bench.Bench;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/intentflow bench} as a smoke run: its own broker, a backlog, a few seconds per
 * variant. It checks that the bench runs through and that bench.json holds every number it
 * promises; how fast anything is belongs to the bench's real runs (docs/performance.md), never
 * to a test.
 */
class BenchSmokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void writesEveryNumberOfBenchJson() throws Exception {
        Path model = TestJob.randomModel(dir.resolve("model.zip"), 5);
        int exit = Bench.run(new String[] {
            "--out", dir.resolve("out").toString(),
            "--duration", "3",
            "--warmup", "3",
            // Enough that no run reads it all in its 6 s (30,000 events/s would take 180,000).
            "--records", "300000",
            "--model.path", model.toString(),
            // So that (c) publishes versions within seconds: every round's candidate passes.
            "--train.every", "50",
            "--train.gate.auc-margin", "1",
            "--train.gate.loss-margin", "1000",
            // Scores are visible once committed: the latency run waits for a few checkpoints.
            "--execution.checkpointing.interval", "1 s"});

        assertThat(exit).as("exit code").isZero();
        JsonNode bench = JSON.readTree(dir.resolve("out/bench.json").toFile());
        for (String key : List.of("baseline_eps", "scoring_unexplained_eps", "scoring_eps", "learning_eps", "ratio_scoring", "ratio_learning", "ratio_explanations", "p50_ms", "p99_ms")) {
            assertThat(bench.path(key).isNumber()).as(key + " is a number").isTrue();
            assertThat(bench.path(key).asDouble()).as(key).isPositive().isFinite();
        }
        for (String key : List.of("late", "freshness_ms")) {
            assertThat(bench.path(key).isIntegralNumber()).as(key + " is a whole number").isTrue();
            assertThat(bench.path(key).asLong()).as(key).isNotNegative();
        }
        assertThat(bench.path("parallelism").asInt()).isEqualTo(2);
        assertThat(bench.path("state_backend").asText()).isEqualTo("rocksdb");
        assertThat(bench.path("delivery_guarantee").asText()).isEqualTo("exactly-once");
        assertThat(bench.path("cores").asInt()).isPositive();
        assertThat(bench.path("records").asLong()).isEqualTo(300000);
        for (String variant : List.of("baseline", "scoring_unexplained", "scoring", "learning")) {
            assertThat(bench.path("variants").path(variant).path("peak_rss_mb").asLong()).as(variant + " peak RSS").isPositive();
        }
    }
}
