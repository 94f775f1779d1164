package io.intentflow.tools.evaluate.run;

import io.intentflow.job.config.ConfigLoader;
import io.intentflow.job.config.JobOptions;
import io.intentflow.tools.CommandFlags;
import io.intentflow.tools.datasets.DatasetFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;

/**
 * The flags of {@code evaluate}, each {@code --flag value} or {@code --flag=value}: {@code
 * --format} (taobao, rees46, retailrocket, yoochoose, intentflow), {@code --input FILE} and {@code --out DIR},
 * required; {@code --model MODEL}, the model to start from (default: one pretrained on the
 * dataset's first half, written to {@code DIR/warm-start.zip}); {@code --features session|user},
 * the job's {@code model.features}; {@code --limit N}, the first N records in event time
 * (default: all); {@code --config JOB_YAML}, the job's configuration (the job's defaults
 * otherwise); {@code --cold-start MODEL}, the model of the {@code cold_start} row (default: the
 * simulator-pretrained model the demo starts from); {@code --seed N}, the warm start's
 * pretraining seed (default 1042, as {@code pretrain}'s): another seed is another warm start, which
 * shows how much of a difference between two runs is the luck of one.
 */
public record EvaluateSettings(
        DatasetFormat format,
        Path input,
        Path out,
        Optional<Path> model,
        Optional<String> features,
        long limit,
        Optional<Path> config,
        Optional<Path> coldStart,
        long seed) {

    public static final List<String> FLAGS = List.of("format", "input", "out", "model", "features", "limit", "config", "cold-start", "seed");

    /** The warm start's pretraining seed without {@code --seed}. */
    public static final long DEFAULT_SEED = 1042;

    /** The values of {@code model.features}: the session alone, or the user beyond it too. */
    public static final List<String> FEATURES = List.of("session", "user");

    /** The job option {@code --features} sets. */
    public static final String FEATURES_KEY = "model.features";

    /** @throws IllegalArgumentException naming the flag, for an unknown or missing flag or a bad value */
    public static EvaluateSettings parse(String[] args) {
        CommandFlags flags = CommandFlags.parse(args, FLAGS);
        Optional<String> features = flags.value("features").map(String::trim);
        if (features.isPresent() && !FEATURES.contains(features.get())) {
            throw new IllegalArgumentException("--features must be one of " + String.join(", ", FEATURES) + ", got '" + features.get() + "'");
        }
        return new EvaluateSettings(
                DatasetFormat.named(required(flags, "format")),
                Path.of(required(flags, "input")),
                Path.of(required(flags, "out")),
                flags.value("model").map(m -> Path.of(m.trim())),
                features,
                flags.value("limit").isPresent() ? flags.positive("limit", 0, Long.MAX_VALUE) : Long.MAX_VALUE,
                flags.value("config").map(c -> Path.of(c.trim())),
                flags.value("cold-start").map(m -> Path.of(m.trim())),
                flags.whole("seed", DEFAULT_SEED));
    }

    /**
     * The job's configuration for the run: the given one, with {@code --features}, and the
     * trainer's rest ({@code train.cpu-share}) at 1, as the run waits for every round anyway; no
     * model registry, as the run publishes nowhere.
     */
    public Configuration jobConfig() {
        Configuration conf = config.map(c -> ConfigLoader.load(new String[] {"--" + ConfigLoader.CONFIG_FILE_ARG, c.toString()}))
                .orElseGet(Configuration::new);
        features.ifPresent(f -> conf.setString(FEATURES_KEY, f));
        conf.set(JobOptions.TRAIN_CPU_SHARE, 1.0);
        conf.removeConfig(JobOptions.MODEL_REGISTRY_DIR);
        return conf;
    }

    private static String required(CommandFlags flags, String flag) {
        return flags.value(flag).orElseThrow(() -> new IllegalArgumentException("--" + flag + " is required")).trim();
    }
}
