package io.intentflow.job;

import io.intentflow.OperatorIds;
import io.intentflow.ingest.ClickRouter;
import io.intentflow.ingest.IngestWatermarks;
import io.intentflow.job.config.ConfigLoader;
import io.intentflow.job.config.JobOptions;
import io.intentflow.job.config.JobSettings;
import io.intentflow.job.kafka.KafkaConnectors;
import io.intentflow.records.Click;
import io.intentflow.records.DeadLetter;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.session.LateClicks;
import io.intentflow.session.Sessionizer;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Intentflow: clicks from Kafka, validated, sessionized per user in event time; session updates
 * and dead letters back to Kafka.
 *
 * <p>Run with {@code flink run intentflow-job.jar [--config FILE] [--key value ...]}; the keys are
 * those of {@link JobOptions} plus any Flink option.
 */
public final class IntentflowJob {

    public static final String JOB_NAME = "Intentflow";

    private final JobSettings settings;
    private final Source<IngestedClick, ?, ?> clicks;
    private final Sink<SessionSnapshot> sessionUpdates;
    private final Sink<DeadLetter> deadLetters;

    /** @param sessionUpdates may be null to write no session updates */
    public IntentflowJob(
            JobSettings settings,
            Source<IngestedClick, ?, ?> clicks,
            Sink<SessionSnapshot> sessionUpdates,
            Sink<DeadLetter> deadLetters) {
        this.settings = settings;
        this.clicks = clicks;
        this.sessionUpdates = sessionUpdates;
        this.deadLetters = deadLetters;
    }

    /** The job on the Kafka topics its settings name. */
    public static IntentflowJob onKafka(JobSettings settings) {
        return new IntentflowJob(
                settings,
                KafkaConnectors.clicksSource(settings),
                settings.topics().sessionUpdates().isEmpty()
                        ? null
                        : KafkaConnectors.sessionUpdatesSink(settings),
                KafkaConnectors.deadLettersSink(settings));
    }

    /** Wires the dataflow into {@code env} and returns the session updates. */
    public DataStream<SessionSnapshot> build(StreamExecutionEnvironment env) {
        WatermarkStrategy<IngestedClick> watermarks =
                IngestWatermarks.forClicks(settings.outOfOrderness(), settings.idleness());
        SingleOutputStreamOperator<Click> valid =
                env.fromSource(clicks, watermarks, "Clicks (Kafka)")
                        .uid(OperatorIds.CLICKS_SOURCE)
                        .process(new ClickRouter())
                        .uid(OperatorIds.CLICK_ROUTER)
                        .name("Validate clicks");

        SingleOutputStreamOperator<SessionSnapshot> sessions =
                Sessionizer.sessionize(valid, settings.session());

        DataStream<DeadLetter> late =
                sessions.getSideOutput(Sessionizer.LATE_CLICKS)
                        .map(new LateClicks(settings.inputLimits().maxRecordBytes()))
                        .uid(OperatorIds.LATE_CLICKS)
                        .name("Late clicks to dead letters");
        valid.getSideOutput(ClickRouter.DEAD_LETTERS)
                .union(late)
                .sinkTo(deadLetters)
                .uid(OperatorIds.DEAD_LETTERS_SINK)
                .name("Dead letters (Kafka)");

        if (sessionUpdates != null) {
            sessions.sinkTo(sessionUpdates)
                    .uid(OperatorIds.SESSION_UPDATES_SINK)
                    .name("Session updates (Kafka)");
        }
        return sessions;
    }

    /**
     * The job's Flink defaults under the given configuration, which wins: RocksDB with incremental
     * checkpoints every 10 s. Generic (Kryo) types are always off, so every state and record type
     * has a savepoint-stable serializer.
     */
    public static Configuration flinkConfiguration(Configuration conf) {
        Configuration flink = new Configuration();
        flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        flink.addAll(conf);
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        return flink;
    }

    public static void main(String[] args) throws Exception {
        Configuration conf = ConfigLoader.load(args);
        JobSettings settings = JobSettings.from(conf);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(conf));
        onKafka(settings).build(env);
        env.execute(Optional.ofNullable(conf.toMap().get("pipeline.name")).orElse(JOB_NAME));
    }
}
