package io.intentflow.job.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.privacy.UserIdKeySource;
import io.intentflow.session.SessionSettings;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.base.DeliveryGuarantee;

/** Every configuration key of the job, with its default. The README lists them all. */
public final class JobOptions {

    /** Keys under this prefix are Kafka client properties, passed to every source and sink. */
    public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS =
            key("kafka.bootstrap.servers").stringType().defaultValue("127.0.0.1:9092")
                    .withDescription("Kafka brokers to read from and write to.");

    public static final ConfigOption<String> KAFKA_GROUP_ID =
            key("kafka.group.id").stringType().defaultValue("intentflow")
                    .withDescription("Consumer group; offsets are committed on checkpoints, for monitoring.");

    public static final ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS =
            key("kafka.starting-offsets").enumType(StartingOffsets.class)
                    .defaultValue(StartingOffsets.COMMITTED)
                    .withDescription("Where a job without state starts reading: committed (falling back to earliest), earliest or latest.");

    public static final ConfigOption<String> KAFKA_TRANSACTIONAL_ID_PREFIX =
            key("kafka.transactional-id-prefix").stringType().defaultValue("intentflow")
                    .withDescription("Prefix of the exactly-once sinks' transactional ids; unique per job on a cluster.");

    public static final ConfigOption<Duration> KAFKA_TRANSACTION_TIMEOUT =
            key("kafka.transaction-timeout").durationType().defaultValue(Duration.ofMinutes(15))
                    .withDescription("Producer transaction timeout; at most the broker's transaction.max.timeout.ms.");

    public static final ConfigOption<String> TOPIC_CLICKS =
            key("topics.clicks").stringType().defaultValue("clicks");

    public static final ConfigOption<String> TOPIC_PURCHASES =
            key("topics.purchases").stringType().defaultValue("purchases");

    public static final ConfigOption<String> TOPIC_SESSION_UPDATES =
            key("topics.session-updates").stringType().defaultValue("session-updates")
                    .withDescription("Where session updates are written; empty to write none.");

    public static final ConfigOption<String> TOPIC_DEAD_LETTERS =
            key("topics.dead-letters").stringType().defaultValue("dead-letters");

    public static final ConfigOption<String> TOPIC_SCORES =
            key("topics.scores").stringType().defaultValue("intent-scores");

    public static final ConfigOption<String> TOPIC_MODEL_DRIFT =
            key("topics.model-drift").stringType().defaultValue("model-drift")
                    .withDescription("Where the trainer writes the drifts it detects (JSON); empty for nowhere.");

    public static final ConfigOption<String> TOPIC_MODEL_UPDATES =
            key("topics.model-updates").stringType().defaultValue("model-updates")
                    .withDescription("Model versions to broadcast to the scorers (ModelUpdateCodec's binary form).");

    public static final ConfigOption<String> TOPIC_EXPLANATIONS =
            key("topics.intent-explanations").stringType().defaultValue("intent-explanations")
                    .withDescription("Where the scorer writes its explanations (JSON); empty for nowhere.");

    public static final ConfigOption<String> MODEL_PATH =
            key("model.path").stringType().noDefaultValue()
                    .withDescription("A model zip (with its .json metadata) to start from; without one, no score is emitted until a model arrives.");

    public static final ConfigOption<Integer> MODEL_CONV_CHANNELS =
            key("model.conv-channels").intType().defaultValue(NetworkConfig.defaults().convChannels());

    public static final ConfigOption<Integer> MODEL_KERNEL =
            key("model.kernel").intType().defaultValue(NetworkConfig.defaults().kernel());

    public static final ConfigOption<Integer> MODEL_LSTM_SIZE =
            key("model.lstm-size").intType().defaultValue(NetworkConfig.defaults().lstmSize());

    public static final ConfigOption<String> MODEL_FEATURES =
            key("model.features").stringType().defaultValue(FeatureSet.SESSION.key())
                    .withDescription("The model's inputs per event: session (the current session only) or user (plus the user's"
                            + " purchases and sessions before it, kept per user). Part of the network: a model of the other set is refused.");

    public static final ConfigOption<Duration> MODEL_USER_HISTORY_TTL =
            key("model.user-history-ttl").durationType().defaultValue(SessionSettings.DEFAULT_USER_HISTORY_TTL)
                    .withDescription("Under model.features: user, how long a user's history outlives their last event (processing time).");

    public static final ConfigOption<Integer> SCORER_BATCH_SIZE =
            key("scorer.batch-size").intType().defaultValue(256);

    public static final ConfigOption<Duration> SCORER_MAX_WAIT =
            key("scorer.max-wait").durationType().defaultValue(Duration.ofMillis(20));

    public static final ConfigOption<Boolean> SCORE_ENABLED =
            key("score.enabled").booleanType().defaultValue(true)
                    .withDescription("Score sessions with the model; false builds no scorer, no scores sink and no learning loop (the benchmark's baseline).");

    public static final ConfigOption<Double> SCORE_BAND_MEDIUM =
            key("score.band.medium").doubleType().defaultValue(0.3);

    public static final ConfigOption<Double> SCORE_BAND_HIGH =
            key("score.band.high").doubleType().defaultValue(0.7);

    public static final ConfigOption<Boolean> SCORE_EXPLAIN_ENABLED =
            key("score.explain.enabled").booleanType().defaultValue(true)
                    .withDescription("Explain every score that enters the high band (and the sampled ones) on topics.intent-explanations.");

    public static final ConfigOption<Double> SCORE_EXPLAIN_SAMPLE_RATE =
            key("score.explain.sample-rate").doubleType().defaultValue(0.0)
                    .withDescription("Share of all scores explained besides those entering the high band, in [0, 1]; picked by event id.");

    public static final ConfigOption<Integer> SCORE_EXPLAIN_TOP_EVENTS =
            key("score.explain.top-events").intType().defaultValue(5)
                    .withDescription("Most events an explanation names, the most contributing first.");

    public static final ConfigOption<String> MODEL_REGISTRY_DIR =
            key("model.registry.dir").stringType().noDefaultValue()
                    .withDescription("Folder where every published version is written (model-v<N>.zip + .json).");

    public static final ConfigOption<Long> MODEL_VERSION =
            key("model.version").longType().noDefaultValue()
                    .withDescription("Start from this version of model.registry.dir instead of model.path.");

    public static final ConfigOption<Duration> LABEL_HORIZON =
            key("label.horizon").durationType().defaultValue(Duration.ofMinutes(30));

    public static final ConfigOption<Integer> LABEL_MAX_PENDING =
            key("label.max-pending").intType().defaultValue(64);

    public static final ConfigOption<Boolean> TRAIN_ENABLED =
            key("train.enabled").booleanType().defaultValue(true);

    public static final ConfigOption<Integer> TRAIN_EVERY =
            key("train.every").intType().defaultValue(500);

    public static final ConfigOption<Duration> TRAIN_INTERVAL =
            key("train.interval").durationType().defaultValue(Duration.ofMinutes(1));

    public static final ConfigOption<Integer> TRAIN_MIN_EXAMPLES =
            key("train.min-examples").intType().defaultValue(50);

    public static final ConfigOption<Integer> TRAIN_MAX_WAITING =
            key("train.max-waiting").intType().defaultValue(2000);

    public static final ConfigOption<Double> TRAIN_CPU_SHARE =
            key("train.cpu-share").doubleType().defaultValue(0.25);

    public static final ConfigOption<Integer> TRAIN_REPLAY_CAPACITY =
            key("train.replay-capacity").intType().defaultValue(5000);

    public static final ConfigOption<Double> TRAIN_REPLAY_RATIO =
            key("train.replay-ratio").doubleType().defaultValue(1.0);

    public static final ConfigOption<Integer> TRAIN_EPOCHS =
            key("train.epochs").intType().defaultValue(2);

    public static final ConfigOption<Integer> TRAIN_BATCH_SIZE =
            key("train.batch-size").intType().defaultValue(64);

    public static final ConfigOption<Integer> TRAIN_HOLD_OUT_EVERY =
            key("train.hold-out-every").intType().defaultValue(5);

    public static final ConfigOption<Integer> TRAIN_GATE_WINDOW =
            key("train.gate.window").intType().defaultValue(1000);

    public static final ConfigOption<Double> TRAIN_GATE_AUC_MARGIN =
            key("train.gate.auc-margin").doubleType().defaultValue(0.01);

    public static final ConfigOption<Double> TRAIN_GATE_LOSS_MARGIN =
            key("train.gate.loss-margin").doubleType().defaultValue(0.02);

    /** 1: positives weigh as much as negatives, as in pretraining (docs/model-and-learning.md, "Positive weight"). */
    public static final ConfigOption<Double> TRAIN_MAX_POSITIVE_WEIGHT =
            key("train.max-positive-weight").doubleType().defaultValue(1.0);

    public static final ConfigOption<Double> TRAIN_LEARNING_RATE =
            key("train.learning-rate").doubleType().defaultValue(5e-4);

    public static final ConfigOption<Integer> TRAIN_METRICS_WINDOW =
            key("train.metrics-window").intType().defaultValue(2000);

    public static final ConfigOption<Double> TRAIN_ROLLBACK_MARGIN =
            key("train.rollback.margin").doubleType().defaultValue(0.03)
                    .withDescription("A live version whose prequential AUC is below its parent's on the same examples by more than this is rolled back.");

    public static final ConfigOption<Integer> TRAIN_ROLLBACK_MIN_EXAMPLES =
            key("train.rollback.min-examples").intType().defaultValue(500)
                    .withDescription("How many examples the live version must have scored since it went live before it can be rolled back.");

    public static final ConfigOption<Boolean> TRAIN_SHADOW =
            key("train.shadow").booleanType().defaultValue(false)
                    .withDescription("A candidate that passes the gate becomes the shadow: scored beside the live model on live traffic, never emitted, "
                            + "and published only when it beats the live model there.");

    public static final ConfigOption<Integer> TRAIN_SHADOW_MIN_EXAMPLES =
            key("train.shadow.min-examples").intType().defaultValue(500)
                    .withDescription("How many examples the shadow must have scored, both classes among them, before it is promoted or dropped.");

    public static final ConfigOption<Double> TRAIN_SHADOW_MARGIN =
            key("train.shadow.margin").doubleType().defaultValue(0.0)
                    .withDescription("The shadow is promoted when its prequential AUC is above the live model's on the same examples by more than this.");

    public static final ConfigOption<Double> TRAIN_DRIFT_DELTA =
            key("train.drift.delta").doubleType().defaultValue(0.05)
                    .withDescription("The rise in mean log-loss per example that the drift test tolerates as noise.");

    public static final ConfigOption<Double> TRAIN_DRIFT_THRESHOLD =
            key("train.drift.threshold").doubleType().defaultValue(50.0)
                    .withDescription("How far the cumulative rise in log-loss may go before a drift is signalled.");

    public static final ConfigOption<Integer> TRAIN_DRIFT_ROUNDS =
            key("train.drift.rounds").intType().defaultValue(3)
                    .withDescription("After a drift, how many rounds train at the raised learning rate.");

    public static final ConfigOption<Double> TRAIN_DRIFT_LEARNING_RATE_FACTOR =
            key("train.drift.learning-rate-factor").doubleType().defaultValue(2.0)
                    .withDescription("The learning rate's multiplier in the rounds after a drift.");

    public static final ConfigOption<Double> TRAIN_DRIFT_PSI_THRESHOLD =
            key("train.drift.psi-threshold").doubleType().defaultValue(0.25)
                    .withDescription("A population-stability index of the live scores against the live version's reference above this is a shift.");

    public static final ConfigOption<Integer> TRAIN_DRIFT_PSI_WINDOW =
            key("train.drift.psi-window").intType().defaultValue(1000)
                    .withDescription("How many scores make the reference, and the live window compared with it.");

    public static final ConfigOption<DeliveryGuarantee> SINK_DELIVERY_GUARANTEE =
            key("sink.delivery-guarantee").enumType(DeliveryGuarantee.class)
                    .defaultValue(DeliveryGuarantee.EXACTLY_ONCE)
                    .withDescription("exactly-once (transactions committed on checkpoints), at-least-once or none.");

    public static final ConfigOption<Duration> SESSION_GAP =
            key("session.gap").durationType().defaultValue(Duration.ofMinutes(30));

    public static final ConfigOption<Integer> SESSION_RING_SIZE =
            key("session.ring-size").intType().defaultValue(64);

    public static final ConfigOption<Duration> SESSION_ALLOWED_LATENESS =
            key("session.allowed-lateness").durationType().defaultValue(Duration.ZERO);

    public static final ConfigOption<Duration> WATERMARK_OUT_OF_ORDERNESS =
            key("watermark.out-of-orderness").durationType().defaultValue(Duration.ofSeconds(5));

    public static final ConfigOption<Duration> WATERMARK_IDLENESS =
            key("watermark.idleness").durationType().defaultValue(Duration.ofMinutes(3))
                    .withDescription("How long a partition without records holds the watermark back; with alignment, less than its max drift.");

    public static final ConfigOption<Boolean> WATERMARK_ALIGNMENT_ENABLED =
            key("watermark.alignment.enabled").booleanType().defaultValue(true)
                    .withDescription("Pause input partitions that run ahead of the slowest one, so that a backlog is read without false idleness.");

    public static final ConfigOption<Duration> WATERMARK_ALIGNMENT_MAX_DRIFT =
            key("watermark.alignment.max-drift").durationType().defaultValue(Duration.ofMinutes(25))
                    .withDescription("How far (event time) a partition of clicks or purchases may be ahead of the slowest before it is paused.");

    public static final ConfigOption<Duration> WATERMARK_ALIGNMENT_UPDATE_INTERVAL =
            key("watermark.alignment.update-interval").durationType().defaultValue(Duration.ofMillis(50))
                    .withDescription("How often source subtasks report their watermarks and learn the new limit; Flink 2.2 may hold catch-up to about max-drift / this (FLINK-37399).");

    public static final ConfigOption<Integer> INPUT_MAX_RECORD_BYTES =
            key("input.max-record-bytes").intType().defaultValue(64 * 1024);

    public static final ConfigOption<Duration> INPUT_MAX_FUTURE_SKEW =
            key("input.max-future-skew").durationType().defaultValue(Duration.ofDays(1));

    public static final ConfigOption<String> PRIVACY_USER_ID_KEY_FILE =
            key(UserIdKeySource.KEY_FILE_OPTION).stringType().noDefaultValue()
                    .withDescription("A file holding the key that pseudonymises user ids (HMAC-SHA256), read on the task managers; without it the environment variable "
                            + UserIdKeySource.ENV_VAR + ", and without that user ids are kept raw. See docs/privacy.md.");

    public static final List<ConfigOption<?>> ALL =
            List.of(
                    KAFKA_BOOTSTRAP_SERVERS,
                    KAFKA_GROUP_ID,
                    KAFKA_STARTING_OFFSETS,
                    KAFKA_TRANSACTIONAL_ID_PREFIX,
                    KAFKA_TRANSACTION_TIMEOUT,
                    TOPIC_CLICKS,
                    TOPIC_PURCHASES,
                    TOPIC_SESSION_UPDATES,
                    TOPIC_DEAD_LETTERS,
                    TOPIC_SCORES,
                    TOPIC_MODEL_UPDATES,
                    TOPIC_MODEL_DRIFT,
                    TOPIC_EXPLANATIONS,
                    MODEL_PATH,
                    MODEL_CONV_CHANNELS,
                    MODEL_KERNEL,
                    MODEL_LSTM_SIZE,
                    MODEL_FEATURES,
                    MODEL_USER_HISTORY_TTL,
                    SCORER_BATCH_SIZE,
                    SCORER_MAX_WAIT,
                    SCORE_ENABLED,
                    SCORE_BAND_MEDIUM,
                    SCORE_BAND_HIGH,
                    SCORE_EXPLAIN_ENABLED,
                    SCORE_EXPLAIN_SAMPLE_RATE,
                    SCORE_EXPLAIN_TOP_EVENTS,
                    MODEL_REGISTRY_DIR,
                    MODEL_VERSION,
                    LABEL_HORIZON,
                    LABEL_MAX_PENDING,
                    TRAIN_ENABLED,
                    TRAIN_EVERY,
                    TRAIN_INTERVAL,
                    TRAIN_MIN_EXAMPLES,
                    TRAIN_MAX_WAITING,
                    TRAIN_CPU_SHARE,
                    TRAIN_REPLAY_CAPACITY,
                    TRAIN_REPLAY_RATIO,
                    TRAIN_EPOCHS,
                    TRAIN_BATCH_SIZE,
                    TRAIN_HOLD_OUT_EVERY,
                    TRAIN_GATE_WINDOW,
                    TRAIN_GATE_AUC_MARGIN,
                    TRAIN_GATE_LOSS_MARGIN,
                    TRAIN_MAX_POSITIVE_WEIGHT,
                    TRAIN_LEARNING_RATE,
                    TRAIN_METRICS_WINDOW,
                    TRAIN_ROLLBACK_MARGIN,
                    TRAIN_ROLLBACK_MIN_EXAMPLES,
                    TRAIN_SHADOW,
                    TRAIN_SHADOW_MIN_EXAMPLES,
                    TRAIN_SHADOW_MARGIN,
                    TRAIN_DRIFT_DELTA,
                    TRAIN_DRIFT_THRESHOLD,
                    TRAIN_DRIFT_ROUNDS,
                    TRAIN_DRIFT_LEARNING_RATE_FACTOR,
                    TRAIN_DRIFT_PSI_THRESHOLD,
                    TRAIN_DRIFT_PSI_WINDOW,
                    SINK_DELIVERY_GUARANTEE,
                    SESSION_GAP,
                    SESSION_RING_SIZE,
                    SESSION_ALLOWED_LATENESS,
                    WATERMARK_OUT_OF_ORDERNESS,
                    WATERMARK_IDLENESS,
                    WATERMARK_ALIGNMENT_ENABLED,
                    WATERMARK_ALIGNMENT_MAX_DRIFT,
                    WATERMARK_ALIGNMENT_UPDATE_INTERVAL,
                    INPUT_MAX_RECORD_BYTES,
                    INPUT_MAX_FUTURE_SKEW,
                    PRIVACY_USER_ID_KEY_FILE);

    /** First segments of the job's own keys; an unknown key under one of them is a typo. */
    public static final List<String> NAMESPACES =
            List.of("kafka", "topics", "sink", "session", "watermark", "input", "model", "scorer", "score", "label", "train", "privacy");

    private JobOptions() {}
}
