package io.intentflow.job;

import io.intentflow.OperatorIds;
import io.intentflow.ingest.IngestRouter;
import io.intentflow.ingest.IngestWatermarks;
import io.intentflow.job.config.ConfigLoader;
import io.intentflow.job.config.InvalidConfigException;
import io.intentflow.job.config.JobOptions;
import io.intentflow.job.config.JobSettings;
import io.intentflow.job.kafka.KafkaAccessCheck;
import io.intentflow.job.kafka.KafkaAccessException;
import io.intentflow.job.kafka.KafkaConnectors;
import io.intentflow.learn.LabelJoiner;
import io.intentflow.learn.Trainer;
import io.intentflow.learn.TrainerFactory;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.records.Click;
import io.intentflow.records.DeadLetter;
import io.intentflow.records.DriftEvent;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.IngestedPurchase;
import io.intentflow.records.IntentExplanation;
import io.intentflow.records.IntentScore;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.Purchase;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.score.IntentScorer;
import io.intentflow.session.LateClicks;
import io.intentflow.session.Sessionizer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * Intentflow: clicks from Kafka, validated, sessionized per user in event time, scored by the
 * DL4J intent model; purchases joined back to the sessions before them train new model versions,
 * which the scorers take up as they run. Scores, session updates and dead letters go to Kafka.
 *
 * <p>Run with {@code flink run intentflow-job.jar [--config FILE] [--key value ...]}; the keys are
 * those of {@link JobOptions} plus any Flink option.
 */
public final class IntentflowJob {

    public static final String JOB_NAME = "Intentflow";

    /** Where the job reads from; {@code modelUpdates} may be null when the job does not score. */
    public record Sources(
            Source<IngestedClick, ?, ?> clicks, Source<IngestedPurchase, ?, ?> purchases, Source<ModelUpdate, ?, ?> modelUpdates) {}

    /**
     * Where the job writes to; {@code sessionUpdates} may be null to write none, {@code scores}
     * when the job does not score, {@code modelUpdates} (the trainer's versions) and {@code drift}
     * (the drifts it detects) when it does not train or writes them nowhere, {@code explanations}
     * when the scorer explains nothing or writes its explanations nowhere.
     */
    public record Sinks(
            Sink<IntentScore> scores,
            Sink<SessionSnapshot> sessionUpdates,
            Sink<DeadLetter> deadLetters,
            Sink<ModelUpdate> modelUpdates,
            Sink<DriftEvent> drift,
            Sink<IntentExplanation> explanations) {}

    private final JobSettings settings;
    private final Sources sources;
    private final Sinks sinks;
    private final ModelUpdate initialModel;

    /** @param initialModel the model to start from unless a restored one is newer; may be null */
    public IntentflowJob(JobSettings settings, Sources sources, Sinks sinks, ModelUpdate initialModel) {
        this.settings = settings;
        this.sources = sources;
        this.sinks = sinks;
        this.initialModel = initialModel;
    }

    /** The job on the Kafka topics its settings name, starting from its model file if any. */
    public static IntentflowJob onKafka(JobSettings settings) {
        settings.requireUsableUserIdKey();
        boolean scoring = settings.scoring();
        return new IntentflowJob(
                settings,
                new Sources(
                        KafkaConnectors.clicksSource(settings),
                        KafkaConnectors.purchasesSource(settings),
                        scoring ? KafkaConnectors.modelUpdatesSource(settings) : null),
                new Sinks(
                        scoring ? KafkaConnectors.scoresSink(settings) : null,
                        settings.topics().sessionUpdates().isEmpty() ? null : KafkaConnectors.sessionUpdatesSink(settings),
                        KafkaConnectors.deadLettersSink(settings),
                        settings.training().isPresent() ? KafkaConnectors.modelUpdatesSink(settings) : null,
                        settings.training().isPresent() && !settings.topics().modelDrift().isEmpty() ? KafkaConnectors.driftSink(settings) : null,
                        explains(settings) ? KafkaConnectors.explanationsSink(settings) : null),
                scoring ? initialModel(settings) : null);
    }

    /**
     * {@link #onKafka}, once the job's Kafka principal has shown that it authenticates and may use
     * the job's topics, groups and transactional ids: a job that could not would restart over and
     * over once submitted.
     *
     * @throws KafkaAccessException naming the failed login or the missing ACLs
     */
    public static IntentflowJob onVerifiedKafka(JobSettings settings) {
        KafkaAccessCheck.verify(settings);
        return onKafka(settings);
    }

    /** Whether the scorer's explanations go anywhere: it explains, and a topic is named. */
    private static boolean explains(JobSettings settings) {
        return settings.scoring() && settings.scorer().explain().enabled() && !settings.topics().explanations().isEmpty();
    }

    /** Reads {@code model.path}, if set, and checks that it fits the configured network. */
    static ModelUpdate initialModel(JobSettings settings) {
        if (settings.modelPath().isEmpty()) {
            return null;
        }
        String key = JobOptions.MODEL_PATH.key();
        try {
            ModelFiles.StoredModel stored = ModelFiles.load(Path.of(settings.modelPath().get()));
            FeatureSet trainedFor = stored.network().config().featureSet();
            FeatureSet configured = settings.scorer().network().featureSet();
            if (trainedFor != configured) {
                throw new InvalidConfigException(
                        key,
                        "the model was trained on the " + trainedFor.key() + " features but " + JobOptions.MODEL_FEATURES.key()
                                + " is " + configured.key() + ": set " + JobOptions.MODEL_FEATURES.key() + ": " + trainedFor.key()
                                + ", or give a model trained for " + configured.key()
                                + " (bin/intentflow pretrain --features " + configured.key() + ")");
            }
            if (!stored.update().configHash().equals(settings.scorer().network().hash())) {
                throw new InvalidConfigException(
                        key,
                        "the model is a " + stored.network().config() + " but model.* configure a " + settings.scorer().network());
            }
            return stored.update();
        } catch (IOException e) {
            throw new InvalidConfigException(key, e.getMessage());
        }
    }

    /**
     * Wires the dataflow into {@code env}, top to bottom as in the architecture picture. Every
     * operator has its uid (its state in a savepoint: never changes) and its name (in the Web UI
     * and the metrics) on the spot. Without scoring ({@code score.enabled: false}) the job ends at
     * the session updates and dead letters.
     */
    public void build(StreamExecutionEnvironment env) {
        // Clicks are parsed in the source, so watermarks follow each Kafka partition's valid event times.
        SingleOutputStreamOperator<Click> clicks =
                env.fromSource(
                                sources.clicks(),
                                IngestWatermarks.forClicks(settings.watermarks()),
                                "Clicks (Kafka)")
                        .uid(OperatorIds.CLICKS_SOURCE)
                        .process(new IngestRouter<IngestedClick, Click>(), TypeInformation.of(Click.class))
                        .uid(OperatorIds.CLICK_ROUTER)
                        .name("Validate clicks");

        // One update per event while a session is open, with the user's history under model.features: user.
        SingleOutputStreamOperator<SessionSnapshot> sessions =
                Sessionizer.sessionize(clicks, settings.session(), settings.scorer().network().featureSet())
                        .uid(OperatorIds.SESSIONIZER)
                        .name("Sessionize per user (event time)");
        DataStream<DeadLetter> lateClicks =
                sessions.getSideOutput(LateClicks.LATE)
                        .map(new LateClicks(settings.inputLimits().maxRecordBytes()))
                        .uid(OperatorIds.LATE_CLICKS)
                        .name("Late clicks to dead letters");

        if (sinks.sessionUpdates() != null) {
            sessions.sinkTo(sinks.sessionUpdates()).uid(OperatorIds.SESSION_UPDATES_SINK).name("Session updates (Kafka)");
        }

        SingleOutputStreamOperator<Purchase> purchases =
                env.fromSource(
                                sources.purchases(),
                                IngestWatermarks.forPurchases(settings.watermarks()),
                                "Purchases (Kafka)")
                        .uid(OperatorIds.PURCHASES_SOURCE)
                        .process(new IngestRouter<IngestedPurchase, Purchase>(), TypeInformation.of(Purchase.class))
                        .uid(OperatorIds.PURCHASE_ROUTER)
                        .name("Validate purchases");

        clicks.getSideOutput(IngestRouter.DEAD_LETTERS)
                .union(lateClicks, purchases.getSideOutput(IngestRouter.DEAD_LETTERS))
                .sinkTo(sinks.deadLetters())
                .uid(OperatorIds.DEAD_LETTERS_SINK)
                .name("Dead letters (Kafka)");

        if (!settings.scoring()) {
            // The benchmark's baseline: what the model adds is measured against this.
            return;
        }

        DataStream<ModelUpdate> modelUpdates =
                env.fromSource(sources.modelUpdates(), WatermarkStrategy.noWatermarks(), "Model updates (Kafka)")
                        .uid(OperatorIds.MODEL_UPDATES_SOURCE)
                        // Versions are ordered within the topic's one partition.
                        .setParallelism(1);

        if (settings.training().isPresent()) {
            DataStream<LabelledExample> examples =
                    sessions.filter(LabelJoiner::matters)
                            .uid(OperatorIds.LABEL_CANDIDATES)
                            .name("Label candidates")
                            .keyBy(SessionSnapshot::userId)
                            // A user's sessions and purchases meet in one task.
                            .connect(purchases.keyBy(Purchase::userId))
                            .process(new LabelJoiner(settings.labels()))
                            .uid(OperatorIds.LABEL_JOINER)
                            .name("Join labels to session prefixes");
            SingleOutputStreamOperator<ModelUpdate> trainer =
                    // The topic's versions go through the trainer, which adopts or refuses each:
                    // one sequence of versions. A raw operator (rounds run on its own thread and
                    // come back through the mailbox): transform names it.
                    examples.connect(modelUpdates)
                            .transform(
                                    "Train and publish model versions",
                                    TypeInformation.of(ModelUpdate.class),
                                    new TrainerFactory(settings.training().get(), initialModel))
                            .uid(OperatorIds.TRAINER)
                            // One learner, so versions form one sequence. Its state is operator
                            // state: a restore takes the savepoint's max parallelism (the State
                            // Processor API writes none below 2).
                            .setParallelism(1);
            // Other consumers and a restarted job see the versions the trainer published.
            sinkSideOutput(trainer, Trainer.PUBLISHED, sinks.modelUpdates(), OperatorIds.MODEL_UPDATES_SINK, "Published model versions (Kafka)");
            sinkSideOutput(trainer, Trainer.DRIFT, sinks.drift(), OperatorIds.MODEL_DRIFT_SINK, "Drift events (Kafka)");
            modelUpdates = trainer;
        }

        SingleOutputStreamOperator<IntentScore> scores =
                sessions.keyBy(SessionSnapshot::userId)
                        // Every scoring task gets every model version.
                        .connect(modelUpdates.broadcast())
                        // A raw operator (it flushes its micro-batch before each barrier): transform names it.
                        .transform(
                                "Score intent (DL4J)",
                                TypeInformation.of(IntentScore.class),
                                new IntentScorer(settings.scorer(), initialModel))
                        .uid(OperatorIds.SCORER);
        scores.sinkTo(sinks.scores()).uid(OperatorIds.SCORES_SINK).name("Intent scores (Kafka)");
        if (sinks.explanations() != null) {
            // Exactly-once like the scores: the scorer emits a batch's explanations before its barrier.
            scores.getSideOutput(IntentScorer.EXPLANATIONS)
                    .sinkTo(sinks.explanations())
                    .uid(OperatorIds.EXPLANATIONS_SINK)
                    .name("Intent explanations (Kafka)");
        }
    }

    /** Writes the trainer's side output {@code tag} to {@code sink}, beside the trainer (parallelism 1); nothing when there is no sink. */
    private static <T> void sinkSideOutput(SingleOutputStreamOperator<?> trainer, OutputTag<T> tag, Sink<T> sink, String uid, String name) {
        if (sink != null) {
            trainer.getSideOutput(tag).sinkTo(sink).uid(uid).name(name).setParallelism(1);
        }
    }

    /**
     * The job's Flink defaults under the given configuration, which wins: RocksDB with incremental
     * checkpoints every 10 s. Generic (Kryo) types are always off, so every state and record type
     * has a savepoint-stable serializer.
     *
     * <p>The rest is for latency (docs/performance.md, "Why p99"): network buffers flushed after
     * 10 ms rather than 100; and a checkpoint's synchronous phase, which holds every click behind
     * it, kept short: RocksDB flushes its memtables there, so smaller ones (4 MB, not 64), and the
     * timers (one per open session) live on the heap, where their snapshot is a copy taken
     * asynchronously, not RocksDB writes.
     */
    public static Configuration flinkConfiguration(Configuration conf) {
        Configuration flink = new Configuration();
        flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        flink.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(10));
        flink.set(RocksDBConfigurableOptions.WRITE_BUFFER_SIZE, MemorySize.parse("4 mb"));
        flink.set(RocksDBOptions.TIMER_SERVICE_FACTORY, EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        flink.addAll(conf);
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        return flink;
    }

    public static void main(String[] args) throws Exception {
        Configuration conf = ConfigLoader.load(args);
        JobSettings settings = JobSettings.from(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(conf));
        onVerifiedKafka(settings).build(env);
        env.execute(conf.getOptional(PipelineOptions.NAME).orElse(JOB_NAME));
    }
}
