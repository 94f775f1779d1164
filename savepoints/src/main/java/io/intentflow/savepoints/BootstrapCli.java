package io.intentflow.savepoints;

import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.util.ParameterTool;

/**
 * {@code bin/intentflow savepoint-bootstrap --model FILE --out PATH}: a savepoint whose scorer
 * and trainer start from a model file, for a first deployment with {@code --from-savepoint}.
 *
 * <p>Flags: {@code --max-parallelism N} (128; the job's {@code pipeline.max-parallelism} if it
 * sets one), and the job's network sizes {@code --model.conv-channels}, {@code --model.kernel},
 * {@code --model.lstm-size} (the job's defaults) and its {@code --model.features} (session)
 * which the model must fit.
 */
public final class BootstrapCli {

    static final String MODEL = "model";
    static final String OUT = "out";
    static final String MAX_PARALLELISM = "max-parallelism";
    /** The job's own keys for its network sizes (JobOptions). */
    static final String CONV_CHANNELS = "model.conv-channels";
    static final String KERNEL = "model.kernel";
    static final String LSTM_SIZE = "model.lstm-size";
    static final String FEATURES = "model.features";

    /** Flink's default for a job of parallelism up to 85; the job leaves it unset. */
    static final int DEFAULT_MAX_PARALLELISM = 128;

    static final String USAGE =
            "usage: savepoint-bootstrap --model FILE.zip --out PATH [--max-parallelism N]"
                    + " [--model.conv-channels N --model.kernel N --model.lstm-size N] [--model.features session|user]";

    private BootstrapCli() {}

    public static void main(String[] args) throws Exception {
        ToolMain.run("savepoint-bootstrap", BootstrapCli::run, args);
    }

    /** Runs the command; its report, or a {@link UsageException} saying what is wrong. */
    public static String run(String[] args) throws Exception {
        ParameterTool params;
        try {
            params = ParameterTool.fromArgs(args);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + "\n" + USAGE);
        }
        Path modelFile = Path.of(required(params, MODEL));
        Path out = Path.of(required(params, OUT));
        int maxParallelism = positive(params, MAX_PARALLELISM, DEFAULT_MAX_PARALLELISM);
        NetworkConfig defaults = NetworkConfig.defaults();
        NetworkConfig network =
                new NetworkConfig(
                        positive(params, CONV_CHANNELS, defaults.convChannels()),
                        positive(params, KERNEL, defaults.kernel()),
                        positive(params, LSTM_SIZE, defaults.lstmSize()),
                        features(params));
        if (Files.exists(out)) {
            throw new UsageException("--" + OUT + " " + out + " exists already; a savepoint is written to a new folder");
        }
        ModelUpdate model = fitting(modelFile, network);
        SavepointBootstrapper.write(model, maxParallelism, out.toAbsolutePath().toString());
        return String.format(
                "savepoint-bootstrap: wrote %s%n  scorer and trainer start from model version %d (network %s, hash %s, %,d parameters)%n"
                        + "  max parallelism %d; restore it with --from-savepoint %s%n",
                out, model.version(), network, model.configHash(), model.params().length, maxParallelism, out);
    }

    /** The model file's update, if it fits {@code network} and a scorer would take it. */
    static ModelUpdate fitting(Path file, NetworkConfig network) throws UsageException {
        ModelFiles.StoredModel stored;
        try {
            stored = ModelFiles.load(file);
        } catch (IOException e) {
            throw new UsageException("--" + MODEL + ": " + e.getMessage());
        }
        if (!stored.network().config().equals(network)) {
            throw new UsageException(
                    "--" + MODEL + ": " + file + " is a " + stored.network().config() + " but the job's network is a " + network
                            + " (" + CONV_CHANNELS + ", " + KERNEL + ", " + LSTM_SIZE + ", " + FEATURES + "); pass the job's with those flags"
                            + " or bootstrap from a model of those sizes");
        }
        Optional<String> problem = stored.update().problem(network, stored.network().numParams(), 0);
        if (problem.isPresent()) {
            throw new UsageException("--" + MODEL + ": a scorer would refuse " + file + ": " + problem.get());
        }
        return stored.update();
    }

    private static FeatureSet features(ParameterTool params) throws UsageException {
        try {
            return FeatureSet.of(params.get(FEATURES, FeatureSet.SESSION.key()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + FEATURES + ": " + e.getMessage());
        }
    }

    private static String required(ParameterTool params, String flag) throws UsageException {
        if (!params.has(flag) || params.get(flag) == null || params.get(flag).isBlank()) {
            throw new UsageException("--" + flag + " is required\n" + USAGE);
        }
        return params.get(flag);
    }

    private static int positive(ParameterTool params, String flag, int defaultValue) throws UsageException {
        if (!params.has(flag)) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(params.get(flag));
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the flag's name.
        }
        throw new UsageException("--" + flag + " must be a positive whole number, was '" + params.get(flag) + "'");
    }
}
