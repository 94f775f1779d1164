package io.intentflow.tools.evaluate.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.tools.evaluate.report.Chromium;
import io.intentflow.tools.generate.BehaviourModel;
import io.intentflow.tools.generate.ClickstreamFile;
import io.intentflow.tools.generate.ClickstreamSimulation;
import io.intentflow.tools.generate.GeneratorSettings;
import io.intentflow.tools.pretrain.Pretrainer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} on data with prices and order amounts (the simulator's, through {@code generate
 * --out} and the {@code intentflow} format): the report measures the value head against the
 * running mean order value on the measured half's purchasing sessions.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EvaluateValueTest {

    private static final NetworkConfig SMALL = new NetworkConfig(8, 3, 16);

    @TempDir
    static Path dir;

    private static JsonNode report;

    @BeforeAll
    static void evaluateASimulatedShop() throws Exception {
        Path data = dir.resolve("sim.jsonl");
        GeneratorSettings generator = GeneratorSettings.parse(new String[] {"--count", "40000", "--seed", "7", "--out", data.toString()});
        new ClickstreamFile().write(new ClickstreamSimulation(generator, BehaviourModel.standard()), generator, data);
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, "model:\n  conv-channels: 8\n  kernel: 3\n  lstm-size: 16\ntrain:\n  every: 200\n");
        Path coldStart = dir.resolve("cold-start.zip");
        Pretrainer.train(SMALL, 1042, 3_000, 1, coldStart);

        EvaluateSettings settings = EvaluateSettings.parse(new String[] {
            "--format", "intentflow", "--input", data.toString(), "--out", dir.resolve("out").toString(),
            "--config", config.toString(), "--cold-start", coldStart.toString()});
        Evaluate.run(settings, new PrintStream(OutputStream.nullOutputStream()));
        report = new ObjectMapper().readTree(dir.resolve("out").resolve("report.json").toFile());
    }

    @Test
    void theValueHeadIsMeasuredAgainstTheRunningMeanOnTheSameSessions() {
        JsonNode value = report.get("value");
        assertThat(value.isObject()).as("the simulator's orders have amounts: %s", value).isTrue();
        assertThat(value.get("sessions").asInt()).as("purchasing sessions measured").isGreaterThan(50);
        for (String key : List.of("mae", "baseline_mae")) {
            assertThat(value.get(key).asDouble()).as(key).isPositive().isFinite();
        }
        // How well the head ranks is the full-size run's to say (docs/evaluation.md#order-value);
        // ValueHeadTest holds that it learns. Here: both numbers are there, of the same sessions.
        for (String key : List.of("spearman", "baseline_spearman")) {
            assertThat(value.get(key).isNumber()).as(key).isTrue();
            assertThat(value.get(key).asDouble()).as(key).isBetween(-1.0, 1.0);
        }
    }

    @Test
    void thePageShowsTheValueTable() throws Exception {
        String dom = Chromium.renderedReport(dir, dir.resolve("out").resolve("report.html"), List.of("online", "frozen", "cold_start", "ftrl", "heuristic", "gbdt"));
        assertThat(dom).contains("<h2>Order value</h2>").contains("value head (online)").contains("running mean");
    }
}
