package io.intentflow.job.config;

import io.intentflow.ingest.InputLimits;
import io.intentflow.ingest.WatermarkSettings;
import io.intentflow.learn.DriftSettings;
import io.intentflow.learn.LabelSettings;
import io.intentflow.learn.ModelRegistry;
import io.intentflow.learn.ShadowSettings;
import io.intentflow.learn.TrainerSettings;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.training.FineTunerSettings;
import io.intentflow.privacy.InvalidUserIdKeyException;
import io.intentflow.privacy.UserIdKeySource;
import io.intentflow.score.ExplainSettings;
import io.intentflow.score.ScorerSettings;
import io.intentflow.session.SessionSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The job's validated settings. Built once at startup; a bad value stops startup naming its key.
 *
 * @param scoring whether the job scores at all; without it there is no learning loop either
 * @param training empty when {@code train.enabled} or {@code score.enabled} is false
 * @param userIdKeys where the parsers find the user-id key; never the key itself
 */
public record JobSettings(
        KafkaSettings kafka,
        Topics topics,
        DeliveryGuarantee deliveryGuarantee,
        SessionSettings session,
        WatermarkSettings watermarks,
        InputLimits inputLimits,
        ScorerSettings scorer,
        boolean scoring,
        Optional<String> modelPath,
        LabelSettings labels,
        Optional<TrainerSettings> training,
        UserIdKeySource userIdKeys)
        implements Serializable {

    /** Kafka connection settings; {@code clientProperties} may hold secrets and is never logged. */
    public record KafkaSettings(
            String bootstrapServers,
            String groupId,
            StartingOffsets startingOffsets,
            String transactionalIdPrefix,
            Duration transactionTimeout,
            Properties clientProperties)
            implements Serializable {}

    /** Topic names; an empty {@code sessionUpdates}, {@code modelDrift} or {@code explanations} writes none of those. */
    public record Topics(
            String clicks,
            String purchases,
            String sessionUpdates,
            String deadLetters,
            String scores,
            String modelUpdates,
            String modelDrift,
            String explanations)
            implements Serializable {}

    public static JobSettings from(Configuration conf) {
        rejectUnknownKeys(conf);
        KafkaSettings kafka =
                new KafkaSettings(
                        nonBlank(conf, JobOptions.KAFKA_BOOTSTRAP_SERVERS),
                        nonBlank(conf, JobOptions.KAFKA_GROUP_ID),
                        get(conf, JobOptions.KAFKA_STARTING_OFFSETS),
                        nonBlank(conf, JobOptions.KAFKA_TRANSACTIONAL_ID_PREFIX),
                        positive(conf, JobOptions.KAFKA_TRANSACTION_TIMEOUT),
                        clientProperties(conf));
        Topics topics =
                new Topics(
                        nonBlank(conf, JobOptions.TOPIC_CLICKS),
                        nonBlank(conf, JobOptions.TOPIC_PURCHASES),
                        get(conf, JobOptions.TOPIC_SESSION_UPDATES).trim(),
                        nonBlank(conf, JobOptions.TOPIC_DEAD_LETTERS),
                        nonBlank(conf, JobOptions.TOPIC_SCORES),
                        nonBlank(conf, JobOptions.TOPIC_MODEL_UPDATES),
                        get(conf, JobOptions.TOPIC_MODEL_DRIFT).trim(),
                        get(conf, JobOptions.TOPIC_EXPLANATIONS).trim());
        SessionSettings session =
                checked(
                        JobOptions.SESSION_RING_SIZE.key(),
                        () ->
                                new SessionSettings(
                                        positive(conf, JobOptions.SESSION_GAP),
                                        get(conf, JobOptions.SESSION_RING_SIZE),
                                        notNegative(conf, JobOptions.SESSION_ALLOWED_LATENESS),
                                        positive(conf, JobOptions.MODEL_USER_HISTORY_TTL)));
        InputLimits limits =
                checked(
                        JobOptions.INPUT_MAX_RECORD_BYTES.key(),
                        () ->
                                new InputLimits(
                                        get(conf, JobOptions.INPUT_MAX_RECORD_BYTES),
                                        notNegative(conf, JobOptions.INPUT_MAX_FUTURE_SKEW)));
        NetworkConfig network =
                checked(
                        JobOptions.MODEL_LSTM_SIZE.key(),
                        () ->
                                new NetworkConfig(
                                        get(conf, JobOptions.MODEL_CONV_CHANNELS),
                                        get(conf, JobOptions.MODEL_KERNEL),
                                        get(conf, JobOptions.MODEL_LSTM_SIZE),
                                        checked(JobOptions.MODEL_FEATURES.key(), () -> FeatureSet.of(get(conf, JobOptions.MODEL_FEATURES)))));
        ScorerSettings scorer =
                checked(
                        JobOptions.SCORE_BAND_HIGH.key(),
                        () ->
                                new ScorerSettings(
                                        network,
                                        checked(JobOptions.SCORER_BATCH_SIZE.key(), () -> inRange(get(conf, JobOptions.SCORER_BATCH_SIZE), 1, 65_536)),
                                        notNegative(conf, JobOptions.SCORER_MAX_WAIT),
                                        get(conf, JobOptions.SCORE_BAND_MEDIUM),
                                        get(conf, JobOptions.SCORE_BAND_HIGH),
                                        session.gap().plus(session.allowedLateness()),
                                        explain(conf)));
        LabelSettings labels =
                checked(
                        JobOptions.LABEL_MAX_PENDING.key(),
                        () -> new LabelSettings(positive(conf, JobOptions.LABEL_HORIZON), get(conf, JobOptions.LABEL_MAX_PENDING)));
        Optional<String> registry = conf.getOptional(JobOptions.MODEL_REGISTRY_DIR).map(String::trim).filter(p -> !p.isEmpty());
        boolean scoring = get(conf, JobOptions.SCORE_ENABLED);
        return new JobSettings(
                kafka,
                topics,
                get(conf, JobOptions.SINK_DELIVERY_GUARANTEE),
                session,
                watermarks(conf),
                limits,
                scorer,
                scoring,
                modelPath(conf, registry),
                labels,
                trains(conf, scoring) ? Optional.of(training(conf, network, registry, kafka.transactionalIdPrefix())) : Optional.empty(),
                UserIdKeySource.of(conf.getOptional(JobOptions.PRIVACY_USER_ID_KEY_FILE).orElse(null)));
    }

    /**
     * Reads the user-id key where the job's main runs, so that a missing, unreadable or short key
     * stops the submission; the task managers read it again for themselves. Nothing of the key is
     * kept. Not part of {@link #from}: tools that only need the topics (deploy) run where the key
     * may not be.
     */
    public void requireUsableUserIdKey() {
        try {
            userIdKeys.load(System.getenv());
        } catch (InvalidUserIdKeyException e) {
            throw new InvalidConfigException(e.source(), e.problem());
        }
    }

    private static ExplainSettings explain(Configuration conf) {
        return new ExplainSettings(
                get(conf, JobOptions.SCORE_EXPLAIN_ENABLED),
                checked(JobOptions.SCORE_EXPLAIN_SAMPLE_RATE.key(), () -> inUnitInterval(get(conf, JobOptions.SCORE_EXPLAIN_SAMPLE_RATE))),
                inRange(JobOptions.SCORE_EXPLAIN_TOP_EVENTS, get(conf, JobOptions.SCORE_EXPLAIN_TOP_EVENTS), 1, 4096));
    }

    /** Training publishes versions for the scorers: without scoring it is off, and asking for it is a mistake. */
    private static boolean trains(Configuration conf, boolean scoring) {
        if (scoring) {
            return get(conf, JobOptions.TRAIN_ENABLED);
        }
        if (conf.contains(JobOptions.TRAIN_ENABLED) && get(conf, JobOptions.TRAIN_ENABLED)) {
            throw new InvalidConfigException(
                    JobOptions.TRAIN_ENABLED.key(), "needs score.enabled: true (its model versions are for the scorers)");
        }
        return false;
    }

    /** An idleness too long for the max drift is reported under the idleness key. */
    private static WatermarkSettings watermarks(Configuration conf) {
        Duration outOfOrderness = notNegative(conf, JobOptions.WATERMARK_OUT_OF_ORDERNESS);
        Duration idleness = positive(conf, JobOptions.WATERMARK_IDLENESS);
        Optional<WatermarkSettings.Alignment> alignment = alignment(conf);
        return checked(JobOptions.WATERMARK_IDLENESS.key(), () -> new WatermarkSettings(outOfOrderness, idleness, alignment));
    }

    private static Optional<WatermarkSettings.Alignment> alignment(Configuration conf) {
        if (!get(conf, JobOptions.WATERMARK_ALIGNMENT_ENABLED)) {
            return Optional.empty();
        }
        Duration maxDrift = positive(conf, JobOptions.WATERMARK_ALIGNMENT_MAX_DRIFT);
        Duration updateInterval = get(conf, JobOptions.WATERMARK_ALIGNMENT_UPDATE_INTERVAL);
        return Optional.of(
                checked(JobOptions.WATERMARK_ALIGNMENT_UPDATE_INTERVAL.key(), () -> new WatermarkSettings.Alignment(maxDrift, updateInterval)));
    }

    /** {@code model.version} names a file of the registry; otherwise {@code model.path}. */
    private static Optional<String> modelPath(Configuration conf, Optional<String> registry) {
        Optional<Long> version = conf.getOptional(JobOptions.MODEL_VERSION);
        if (version.isPresent()) {
            if (registry.isEmpty()) {
                throw new InvalidConfigException(JobOptions.MODEL_VERSION.key(), "needs model.registry.dir");
            }
            return Optional.of(ModelRegistry.file(Path.of(registry.get()), version.get()).toString());
        }
        return conf.getOptional(JobOptions.MODEL_PATH).map(String::trim).filter(p -> !p.isEmpty());
    }

    /** @param origin the job's producer identity, which its transactional ids already make unique */
    private static TrainerSettings training(Configuration conf, NetworkConfig network, Optional<String> registry, String origin) {
        FineTunerSettings fineTuning =
                new FineTunerSettings(
                        inRange(JobOptions.TRAIN_REPLAY_CAPACITY, get(conf, JobOptions.TRAIN_REPLAY_CAPACITY), 0, 1_000_000),
                        checked(JobOptions.TRAIN_REPLAY_RATIO.key(), () -> nonNegative(get(conf, JobOptions.TRAIN_REPLAY_RATIO))),
                        inRange(JobOptions.TRAIN_EPOCHS, get(conf, JobOptions.TRAIN_EPOCHS), 1, 100),
                        inRange(JobOptions.TRAIN_BATCH_SIZE, get(conf, JobOptions.TRAIN_BATCH_SIZE), 1, 65_536),
                        inRange(JobOptions.TRAIN_HOLD_OUT_EVERY, get(conf, JobOptions.TRAIN_HOLD_OUT_EVERY), 2, 1000),
                        inRange(JobOptions.TRAIN_GATE_WINDOW, get(conf, JobOptions.TRAIN_GATE_WINDOW), 10, 1_000_000),
                        checked(JobOptions.TRAIN_GATE_AUC_MARGIN.key(), () -> nonNegative(get(conf, JobOptions.TRAIN_GATE_AUC_MARGIN))),
                        checked(JobOptions.TRAIN_GATE_LOSS_MARGIN.key(), () -> nonNegative(get(conf, JobOptions.TRAIN_GATE_LOSS_MARGIN))),
                        checked(JobOptions.TRAIN_MAX_POSITIVE_WEIGHT.key(), () -> atLeastOne(get(conf, JobOptions.TRAIN_MAX_POSITIVE_WEIGHT))),
                        checked(JobOptions.TRAIN_LEARNING_RATE.key(), () -> positiveRate(get(conf, JobOptions.TRAIN_LEARNING_RATE))));
        return new TrainerSettings(
                network,
                fineTuning,
                inRange(JobOptions.TRAIN_EVERY, get(conf, JobOptions.TRAIN_EVERY), 2, 1_000_000),
                positive(conf, JobOptions.TRAIN_INTERVAL),
                inRange(JobOptions.TRAIN_MIN_EXAMPLES, get(conf, JobOptions.TRAIN_MIN_EXAMPLES), 2, 1_000_000),
                inRange(JobOptions.TRAIN_MAX_WAITING, get(conf, JobOptions.TRAIN_MAX_WAITING), 2, 1_000_000),
                checked(JobOptions.TRAIN_CPU_SHARE.key(), () -> share(get(conf, JobOptions.TRAIN_CPU_SHARE))),
                registry.orElse(null),
                inRange(JobOptions.TRAIN_METRICS_WINDOW, get(conf, JobOptions.TRAIN_METRICS_WINDOW), 10, 1_000_000),
                checked(JobOptions.TRAIN_ROLLBACK_MARGIN.key(), () -> nonNegative(get(conf, JobOptions.TRAIN_ROLLBACK_MARGIN))),
                inRange(JobOptions.TRAIN_ROLLBACK_MIN_EXAMPLES, get(conf, JobOptions.TRAIN_ROLLBACK_MIN_EXAMPLES), 10, 1_000_000),
                new DriftSettings(
                        checked(JobOptions.TRAIN_DRIFT_DELTA.key(), () -> nonNegative(get(conf, JobOptions.TRAIN_DRIFT_DELTA))),
                        checked(JobOptions.TRAIN_DRIFT_THRESHOLD.key(), () -> nonNegative(get(conf, JobOptions.TRAIN_DRIFT_THRESHOLD))),
                        inRange(JobOptions.TRAIN_DRIFT_ROUNDS, get(conf, JobOptions.TRAIN_DRIFT_ROUNDS), 0, 1000),
                        checked(JobOptions.TRAIN_DRIFT_LEARNING_RATE_FACTOR.key(), () -> atLeastOne(get(conf, JobOptions.TRAIN_DRIFT_LEARNING_RATE_FACTOR))),
                        checked(JobOptions.TRAIN_DRIFT_PSI_THRESHOLD.key(), () -> nonNegative(get(conf, JobOptions.TRAIN_DRIFT_PSI_THRESHOLD))),
                        inRange(JobOptions.TRAIN_DRIFT_PSI_WINDOW, get(conf, JobOptions.TRAIN_DRIFT_PSI_WINDOW), 10, 1_000_000)),
                new ShadowSettings(
                        get(conf, JobOptions.TRAIN_SHADOW),
                        inRange(JobOptions.TRAIN_SHADOW_MIN_EXAMPLES, get(conf, JobOptions.TRAIN_SHADOW_MIN_EXAMPLES), 10, 1_000_000),
                        checked(JobOptions.TRAIN_SHADOW_MARGIN.key(), () -> belowOne(get(conf, JobOptions.TRAIN_SHADOW_MARGIN)))),
                origin);
    }

    private static int inRange(ConfigOption<Integer> option, int value, int min, int max) {
        return checked(option.key(), () -> inRange(value, min, max));
    }

    private static double nonNegative(double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("must not be negative, was " + value);
        }
        return value;
    }

    /** An AUC margin: an AUC difference of 1 or more cannot happen. */
    private static double belowOne(double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("must be in [0, 1), was " + value);
        }
        return value;
    }

    private static double positiveRate(double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException("must be in (0, 1), was " + value);
        }
        return value;
    }

    private static double inUnitInterval(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("must be in [0, 1], was " + value);
        }
        return value;
    }

    private static double share(double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("must be in (0, 1], was " + value);
        }
        return value;
    }

    private static double atLeastOne(double value) {
        if (!(value >= 1)) {
            throw new IllegalArgumentException("must be at least 1, was " + value);
        }
        return value;
    }

    private static int inRange(int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    private static void rejectUnknownKeys(Configuration conf) {
        Set<String> known = new HashSet<>();
        JobOptions.ALL.forEach(option -> known.add(option.key()));
        for (String key : conf.keySet()) {
            String namespace = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (JobOptions.NAMESPACES.contains(namespace)
                    && !known.contains(key)
                    && !key.startsWith(JobOptions.KAFKA_PROPERTIES_PREFIX)) {
                throw new InvalidConfigException(key, "unknown key (see the README for the job's keys)");
            }
        }
    }

    private static Properties clientProperties(Configuration conf) {
        Properties properties = new Properties();
        conf.toMap().forEach(
                (key, value) -> {
                    if (key.startsWith(JobOptions.KAFKA_PROPERTIES_PREFIX)) {
                        properties.setProperty(key.substring(JobOptions.KAFKA_PROPERTIES_PREFIX.length()), value);
                    }
                });
        return properties;
    }

    private static <T> T get(Configuration conf, ConfigOption<T> option) {
        return checked(option.key(), () -> conf.get(option));
    }

    private static String nonBlank(Configuration conf, ConfigOption<String> option) {
        String value = get(conf, option);
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(option.key(), "must not be empty");
        }
        return value.trim();
    }

    private static Duration positive(Configuration conf, ConfigOption<Duration> option) {
        Duration value = get(conf, option);
        if (value.isZero() || value.isNegative()) {
            throw new InvalidConfigException(option.key(), "must be positive, was " + value);
        }
        return value;
    }

    private static Duration notNegative(Configuration conf, ConfigOption<Duration> option) {
        Duration value = get(conf, option);
        if (value.isNegative()) {
            throw new InvalidConfigException(option.key(), "must not be negative, was " + value);
        }
        return value;
    }

    /** Runs a read or a constructor's checks and names the key in whatever it rejects. */
    private static <T> T checked(String key, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key, e.getMessage());
        }
    }
}
