package io.intentflow.tools.pretrain;

import io.intentflow.job.config.JobOptions;
import io.intentflow.job.config.JobSettings;
import io.intentflow.model.network.NetworkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;

/**
 * The model the demo and {@code deploy} start from when none is configured: pretrained on
 * simulated sessions once (about 20 s) and kept under {@code .intentflow/models} for the next
 * runs. Without it the job would cold-start and emit no score until its trainer publishes.
 */
public final class DefaultModel {

    private static final Path MODELS_DIR = Path.of(".intentflow", "models");
    // Not the generator's default seed: the model must not have seen the sessions it scores.
    private static final long PRETRAIN_SEED = 1042;

    private DefaultModel() {}

    /** Whether the configuration names a model of its own ({@code model.path} or {@code model.version}). */
    public static boolean isConfigured(Configuration jobConfig) {
        return jobConfig.contains(JobOptions.MODEL_PATH) || jobConfig.contains(JobOptions.MODEL_VERSION);
    }

    /** {@code jobConfig}, with the default model as {@code model.path} unless it names a model of its own. */
    public static Configuration unlessConfigured(Configuration jobConfig, String tag) throws IOException {
        if (isConfigured(jobConfig)) {
            return jobConfig;
        }
        Configuration withModel = new Configuration(jobConfig);
        withModel.set(JobOptions.MODEL_PATH, ensure(jobConfig, tag).toString());
        return withModel;
    }

    /** The pretrained model file for the configured network size, trained first if missing. */
    public static Path ensure(Configuration jobConfig, String tag) throws IOException {
        NetworkConfig network = JobSettings.from(jobConfig).scorer().network();
        Path model = MODELS_DIR.resolve("pretrained-" + network.hash() + ".zip");
        if (!Files.exists(model)) {
            System.out.println(tag + ": no model yet; pretraining one on simulated sessions (once, about 20 s)...");
            Pretrainer.Result result = Pretrainer.train(network, PRETRAIN_SEED, 60_000, 4, model);
            System.out.printf(Locale.ROOT, "%s: pretrained model version 1, held-out AUC %.3f%n", tag, result.heldOutAuc());
        }
        return model;
    }
}
