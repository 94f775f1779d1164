package io.intentflow.job.kafka;

import io.intentflow.ingest.ClickParser;
import io.intentflow.ingest.PurchaseParser;
import io.intentflow.job.config.JobSettings;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.snapshot.ModelUpdateCodec;
import io.intentflow.records.DeadLetter;
import io.intentflow.records.DriftEvent;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.IngestedPurchase;
import io.intentflow.records.IntentExplanation;
import io.intentflow.records.IntentScore;
import io.intentflow.records.RecordJson;
import io.intentflow.records.SessionSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The job's Kafka sources and sinks. Every one of them gets the {@code kafka.properties.*}
 * client properties (security, SASL, SSL, tuning) unchanged.
 */
public final class KafkaConnectors {

    private static final byte[] MODEL_KEY = "model".getBytes(StandardCharsets.UTF_8);

    private KafkaConnectors() {}

    public static KafkaSource<IngestedClick> clicksSource(JobSettings settings) {
        return inputSource(
                settings,
                settings.topics().clicks(),
                new IngestDeserializer<>(new ClickParser(settings.inputLimits(), settings.userIdKeys()), IngestedClick.class));
    }

    public static KafkaSource<IngestedPurchase> purchasesSource(JobSettings settings) {
        return inputSource(
                settings,
                settings.topics().purchases(),
                new IngestDeserializer<>(new PurchaseParser(settings.inputLimits(), settings.userIdKeys()), IngestedPurchase.class));
    }

    /** An input source as the job reads {@code topic}; public so that a test can slow its deserializer down. */
    public static <I> KafkaSource<I> inputSource(JobSettings settings, String topic, KafkaRecordDeserializationSchema<I> deserializer) {
        JobSettings.KafkaSettings kafka = settings.kafka();
        Properties properties = new Properties();
        // Skip records of aborted producer transactions unless the user asks otherwise.
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.putAll(kafka.clientProperties());
        return KafkaSource.<I>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topic)
                .setGroupId(kafka.groupId())
                .setStartingOffsets(startingOffsets(settings))
                .setDeserializer(deserializer)
                .setProperties(properties)
                .build();
    }

    /** Every model version ever published; the scorers keep the newest valid one. */
    public static KafkaSource<ModelUpdate> modelUpdatesSource(JobSettings settings) {
        JobSettings.KafkaSettings kafka = settings.kafka();
        Properties properties = new Properties();
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.putAll(kafka.clientProperties());
        return KafkaSource.<ModelUpdate>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(settings.topics().modelUpdates())
                .setGroupId(kafka.groupId() + "-models")
                // A restored job resumes from its checkpoint; a new one reads every version.
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ModelUpdateDeserializer())
                .setProperties(properties)
                .build();
    }

    /** The trainer's versions, in the form the model-updates source reads, on the topic's one partition. */
    public static KafkaSink<ModelUpdate> modelUpdatesSink(JobSettings settings) {
        return sink(
                settings,
                "model-updates",
                new JsonRecordSerializer<>(settings.topics().modelUpdates(), update -> MODEL_KEY, ModelUpdateCodec::encode));
    }

    public static KafkaSink<DriftEvent> driftSink(JobSettings settings) {
        return sink(
                settings,
                "model-drift",
                new JsonRecordSerializer<>(settings.topics().modelDrift(), drift -> MODEL_KEY, RecordJson::driftEvent));
    }

    public static KafkaSink<IntentScore> scoresSink(JobSettings settings) {
        return sink(
                settings,
                "scores",
                new JsonRecordSerializer<>(
                        settings.topics().scores(), score -> RecordJson.utf8(score.userId()), RecordJson::score));
    }

    public static KafkaSink<IntentExplanation> explanationsSink(JobSettings settings) {
        return sink(
                settings,
                "explanations",
                new JsonRecordSerializer<>(
                        settings.topics().explanations(), explanation -> RecordJson.utf8(explanation.userId()), RecordJson::explanation));
    }

    public static KafkaSink<SessionSnapshot> sessionUpdatesSink(JobSettings settings) {
        return sink(
                settings,
                "session-updates",
                new JsonRecordSerializer<>(
                        settings.topics().sessionUpdates(),
                        update -> RecordJson.utf8(update.userId()),
                        RecordJson::sessionUpdate));
    }

    public static KafkaSink<DeadLetter> deadLettersSink(JobSettings settings) {
        return sink(
                settings,
                "dead-letters",
                new JsonRecordSerializer<>(
                        settings.topics().deadLetters(),
                        // Keyed by the user as the job keys it, where the record has a valid user id.
                        letter -> RecordJson.utf8(letter.userId() != null ? letter.userId() : letter.key()),
                        RecordJson::deadLetter));
    }

    private static <T> KafkaSink<T> sink(
            JobSettings settings, String name, KafkaRecordSerializationSchema<T> serializer) {
        JobSettings.KafkaSettings kafka = settings.kafka();
        Properties properties = new Properties();
        properties.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                String.valueOf(kafka.transactionTimeout().toMillis()));
        properties.putAll(kafka.clientProperties());
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setDeliveryGuarantee(settings.deliveryGuarantee())
                // Each sink needs its own transactional ids.
                .setTransactionalIdPrefix(kafka.transactionalIdPrefix() + "-" + name)
                .setKafkaProducerConfig(properties)
                .setRecordSerializer(serializer)
                .build();
    }

    private static OffsetsInitializer startingOffsets(JobSettings settings) {
        return switch (settings.kafka().startingOffsets()) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }
}
