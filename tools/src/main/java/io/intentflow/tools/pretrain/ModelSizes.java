package io.intentflow.tools.pretrain;

import io.intentflow.model.bench.StepVsFullBenchmark;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How the network's size trades accuracy for scoring cost: each candidate is pretrained on the
 * same simulated sessions and its one-step throughput measured in the same run.
 *
 * <p>{@code bin/intentflow model-sizes}
 */
public final class ModelSizes {

    private static final List<NetworkConfig> CANDIDATES =
            List.of(
                    new NetworkConfig(8, 3, 16),
                    new NetworkConfig(16, 3, 32),
                    new NetworkConfig(32, 3, 64),
                    new NetworkConfig(64, 3, 128),
                    new NetworkConfig(32, 5, 64));

    private ModelSizes() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("intentflow-sizes");
        System.out.println("| conv channels | kernel | LSTM | parameters | held-out AUC | log-loss | one step, batch 256 (events/s) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (NetworkConfig config : CANDIDATES) {
            Path file = dir.resolve(config.hash() + ".zip");
            Pretrainer.Result result = Pretrainer.train(config, 1042, 60_000, 4, file);
            double speed = StepVsFullBenchmark.stepEventsPerSecond(ModelFiles.load(file).network(), 256, 2);
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %d | %d | %,d | %.3f | %.3f | %,.0f |%n",
                    config.convChannels(), config.kernel(), config.lstmSize(), result.update().params().length,
                    result.heldOutAuc(), result.heldOutLoss(), speed);
        }
    }
}
