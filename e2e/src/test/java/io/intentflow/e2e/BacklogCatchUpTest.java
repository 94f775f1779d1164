package io.intentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.ingest.ClickParser;
import io.intentflow.job.IntentflowJob;
import io.intentflow.job.config.JobSettings;
import io.intentflow.job.kafka.IngestDeserializer;
import io.intentflow.job.kafka.KafkaConnectors;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.records.IngestedClick;
import io.intentflow.tools.generate.BehaviourModel;
import io.intentflow.tools.generate.ClickstreamSimulation;
import io.intentflow.tools.generate.GeneratedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catch-up without loss: days of clicks on four partitions, all written before the job starts,
 * read from the earliest offsets by two source subtasks. A click may be dead-lettered as late only
 * if it is late in its own partition's order, which only the generator's held-back clicks can be;
 * every other click is scored exactly once.
 *
 * <p>On a MiniCluster a reader is rarely starved long enough for a partition with data to be taken
 * for idle (with the old settings this backlog lost nothing there), so the test makes one reader
 * busy the way slow records or a starved process do: partition 2 (few users, one fetch of about
 * 4,500 records) costs {@value #SLOW_RECORD_MS} ms per record to read, and partition 0 (most
 * users), read by the same source subtask, gets nothing while that fetch is emitted. With
 * watermark alignment, partition 2 is paused once it runs ahead and partition 0 is read; without
 * it, partition 0 goes idle, the watermark runs ahead with the other partitions, and about a
 * quarter of partition 0 is dead-lettered as late (docs/testing.md has the numbers).
 */
class BacklogCatchUpTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = TestJob.miniCluster(METRICS.addToConfiguration(new Configuration()));

    private static final String PREFIX = "catchup";
    private static final int PARTITIONS = 4;
    private static final int RECORDS = 110_000;
    /** 500 shoppers write 110,000 records in about four days of simulated time. */
    private static final int USERS = 500;
    private static final Duration HISTORY = Duration.ofDays(6);
    private static final int SLOW_PARTITION = 2;
    private static final long SLOW_RECORD_MS = 5;
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(6);

    @TempDir Path dir;

    @Test
    void aBacklogIsCaughtUpWithoutClicksLateOnlyBecauseOfOtherPartitions() throws Exception {
        Path model = TestJob.randomModel(dir.resolve("model.zip"), 3);
        Configuration conf =
                TestJob.config(
                        KAFKA.bootstrapServers(),
                        PREFIX,
                        Map.of(
                                "kafka.starting-offsets", "earliest",
                                "model.path", model.toString(),
                                // Labels and training play no part in which clicks are late; the purchases
                                // source stays, in the clicks' alignment group.
                                "train.enabled", "false",
                                // Scaled to the slow partition: a fetch of it (about 4,400 records, 22 s) starves
                                // partition 0 past this, a few batches of it (3 x 100 records, 1.5 s) do not.
                                "watermark.idleness", "10 s",
                                "kafka.properties.max.poll.records", "100"));
        TestJob.createTopics(conf, PARTITIONS);
        ClickstreamSimulation simulation =
                new ClickstreamSimulation(
                        SimulatedStream.settings(KAFKA.bootstrapServers(), PREFIX, 7, USERS, 0.005, HISTORY), BehaviourModel.standard());
        List<GeneratedRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(simulation.next());
        }
        ScoreAccounting accounting = new ScoreAccounting(PREFIX + "-clicks");
        accounting.sentAll(records);
        long clicks = records.stream().filter(r -> r.kind() != GeneratedRecord.Kind.PURCHASE).count();
        long injectedLate = records.stream().filter(r -> r.kind() == GeneratedRecord.Kind.LATE).count();
        Duration span = Duration.ofMillis(records.get(records.size() - 1).eventTs() - records.get(0).eventTs());
        SimulatedStream.send(KAFKA.bootstrapServers(), records, BacklogCatchUpTest::partition);

        long started = System.nanoTime();
        JobClient job = TestJob.start(conf, dir.resolve("checkpoints"), settings -> withSlowPartition(settings, model));
        try (TopicReader scoreReader = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-scores");
                TopicReader deadLetterReader = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-dead-letters")) {
            // Every click ends up scored or dead-lettered: wait for that many, within a bound.
            long deadline = started + CATCH_UP_LIMIT.toNanos();
            while (scoreReader.readFor(Duration.ofMillis(500)).size() + deadLetterReader.readFor(Duration.ofMillis(500)).size() < clicks
                    && System.nanoTime() < deadline) {
                assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
            }
            Duration caughtUp = Duration.ofNanos(System.nanoTime() - started);
            Map<String, Long> idleMs = splitIdleMs(job);
            // A little longer: a repeated score would show up now.
            List<JsonNode> scores = TopicReader.json(scoreReader.readFor(Duration.ofSeconds(2)));
            List<JsonNode> deadLetters = TopicReader.json(deadLetterReader.readFor(Duration.ofSeconds(1)));
            ScoreAccounting.Result result = accounting.account(scores, deadLetters);
            Map<Integer, Long> lateByPartition =
                    deadLetters.stream()
                            .filter(d -> d.get("reason").asText().equals("late"))
                            .collect(Collectors.groupingBy(d -> d.get("partition").asInt(), TreeMap::new, Collectors.counting()));
            System.out.printf(
                    "BacklogCatchUpTest: %d records (%d clicks, %d held back past their session by the generator) over %.1f days of event time;"
                            + " caught up in %d s; %s; late by partition %s; idle ms by split %s%n",
                    RECORDS, clicks, injectedLate, span.toHours() / 24.0, caughtUp.toSeconds(), result, lateByPartition, idleMs);

            assertThat(span).as("event time the backlog spans").isGreaterThan(Duration.ofDays(3));
            assertThat(result.late())
                    .as("clicks dead-lettered as late: at most the generator's held-back clicks plus 0.1%")
                    .isLessThanOrEqualTo((int) (injectedLate + clicks / 1000));
            assertThat(result.duplicates()).as("duplicate scores").isZero();
            assertThat(result.missing()).as("clicks neither scored nor late").isZero();
            assertThat(result.exact()).as(result.toString()).isTrue();
        } finally {
            TestJob.stop(job);
        }
    }

    /**
     * Uneven partitions, by user: partition 2 holds 1 user in 25, partition 0 nine (the event-time
     * laggard), 1 and 3 the rest. At parallelism 2, partitions 0 and 2 share a source subtask: the
     * Kafka enumerator deals a topic's partitions to the subtasks in turn.
     */
    private static Integer partition(GeneratedRecord record) {
        int user = Integer.parseInt(record.key().substring(1));
        int slot = user % 25;
        return slot == 0 ? SLOW_PARTITION : slot <= 9 ? 0 : slot <= 17 ? 1 : 3;
    }

    /** The job on Kafka, its clicks read slowly on one partition; no session updates, which are not checked. */
    private static IntentflowJob withSlowPartition(JobSettings settings, Path model) {
        try {
            return new IntentflowJob(
                    settings,
                    new IntentflowJob.Sources(
                            KafkaConnectors.inputSource(settings, settings.topics().clicks(), new SlowPartition(settings)),
                            KafkaConnectors.purchasesSource(settings),
                            KafkaConnectors.modelUpdatesSource(settings)),
                    new IntentflowJob.Sinks(KafkaConnectors.scoresSink(settings), null, KafkaConnectors.deadLettersSink(settings), null, null, null),
                    ModelFiles.load(model).update());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's clicks deserializer, taking {@value #SLOW_RECORD_MS} ms of the task thread per record of the slow partition. */
    private static final class SlowPartition implements KafkaRecordDeserializationSchema<IngestedClick> {

        private static final long serialVersionUID = 1L;

        private final IngestDeserializer<IngestedClick> clicks;

        SlowPartition(JobSettings settings) {
            clicks = new IngestDeserializer<>(new ClickParser(settings.inputLimits()), IngestedClick.class);
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestedClick> out) {
            if (record.partition() == SLOW_PARTITION) {
                try {
                    Thread.sleep(SLOW_RECORD_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            clicks.deserialize(record, out);
        }

        @Override
        public TypeInformation<IngestedClick> getProducedType() {
            return clicks.getProducedType();
        }
    }

    /** How long each clicks partition was idle, by Flink's split metrics. */
    private static Map<String, Long> splitIdleMs(JobClient job) {
        Map<String, Long> idle = new TreeMap<>();
        METRICS.findMetrics(job.getJobID(), "accumulatedIdleTimeMs").forEach((name, metric) -> {
            int split = name.indexOf(PREFIX + "-clicks-");
            if (split >= 0 && metric instanceof Gauge<?> gauge) {
                idle.put(name.substring(split, name.indexOf('.', split)), ((Number) gauge.getValue()).longValue());
            }
        });
        return idle;
    }
}
