package io.intentflow.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intentflow.job.config.JobSettings;
import io.intentflow.tools.generate.BehaviourModel;
import io.intentflow.tools.generate.ClickstreamProducer;
import io.intentflow.tools.generate.ClickstreamSimulation;
import io.intentflow.tools.generate.GeneratedRecord;
import io.intentflow.tools.generate.GeneratedRecord.Kind;
import io.intentflow.tools.generate.GeneratorSettings;
import io.intentflow.tools.kafka.Consumers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Event-to-score latency of a running scoring job at a fixed input rate: fresh clicks go to its
 * (empty) input topics at that rate, and each committed score of a click sent after the warm-up
 * gives {@code scoredAt} (the scorer's clock) minus the click's Kafka CreateTime (the producer's
 * clock at send; both this JVM's).
 */
final class LatencyProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param clicks clicks sent in the measured seconds
     * @param latenciesMs of those that were scored and committed, sorted
     * @param worstBySecondMs the largest latency of the clicks sent in each measured second, in
     *     order: where the tail comes from (one slow second, or all of them)
     */
    record Result(int rate, long clicks, List<Long> latenciesMs, long[] worstBySecondMs) {

        /** Nearest rank; empty if no click was scored. */
        Optional<Long> percentile(double p) {
            if (latenciesMs.isEmpty()) {
                return Optional.empty();
            }
            int rank = (int) Math.ceil(p / 100 * latenciesMs.size());
            return Optional.of(latenciesMs.get(Math.max(0, rank - 1)));
        }
    }

    /** Per click sent in the measured seconds: its CreateTime; a click sent twice is left out (whose score is whose?). */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureUntil = Long.MAX_VALUE;

    private LatencyProbe() {}

    /**
     * Runs {@code generator} (writing to the job's input topics) for {@code warmup} plus {@code
     * duration}, then waits up to {@code drain} for the scores of the clicks sent in {@code
     * duration} to be committed.
     */
    static Result measure(BenchJob job, JobSettings settings, GeneratorSettings generator, Duration warmup, Duration duration, Duration drain)
            throws Exception {
        return new LatencyProbe().run(job, settings, generator, warmup, duration, drain);
    }

    private Result run(BenchJob job, JobSettings settings, GeneratorSettings generator, Duration warmup, Duration duration, Duration drain)
            throws Exception {
        var simulation = new ClickstreamSimulation(generator, BehaviourModel.standard());
        try (ClickstreamProducer producer = new ClickstreamProducer(generator, simulation, this::acknowledged)) {
            producer.start();
            Thread.sleep(warmup.toMillis());
            job.requireRunning();
            measureFrom = System.currentTimeMillis();
            Thread.sleep(duration.toMillis());
            measureUntil = System.currentTimeMillis();
            job.requireRunning();
        }
        long clicks = sentAt.size();
        long[] worst = new long[(int) Math.max(1, (measureUntil - measureFrom + 999) / 1000)];
        List<Long> latencies = scored(settings, clicks, drain, worst);
        return new Result(generator.rate(), clicks, latencies, worst);
    }

    private void acknowledged(GeneratedRecord record, long createTime) {
        if (record.kind() == Kind.CLICK && createTime >= measureFrom && createTime < measureUntil) {
            sentAt.put(eventId(record), createTime);
        } else if (record.kind() == Kind.DUPLICATE) {
            sentAt.remove(eventId(record));
        }
    }

    /** Reads the committed scores until every measured click has one, or {@code drain} has passed. */
    private List<Long> scored(JobSettings settings, long clicks, Duration drain, long[] worstBySecond) throws IOException {
        List<Long> latencies = new ArrayList<>();
        long deadline = System.nanoTime() + drain.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = Consumers.readCommitted(settings)) {
            consumer.seekToBeginning(Consumers.assignAll(consumer, List.of(settings.topics().scores())));
            while (latencies.size() < clicks && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode score = JSON.readTree(record.value());
                    Long sent = sentAt.remove(score.path("eventId").asText());
                    if (sent != null) {
                        long latency = score.path("scoredAt").asLong() - sent;
                        latencies.add(latency);
                        int second = (int) Math.min(worstBySecond.length - 1, (sent - measureFrom) / 1000);
                        worstBySecond[second] = Math.max(worstBySecond[second], latency);
                    }
                }
            }
        }
        latencies.sort(null);
        return latencies;
    }

    private static String eventId(GeneratedRecord record) {
        try {
            return JSON.readTree(record.value()).path("eventId").asText();
        } catch (IOException e) {
            throw new IllegalStateException("the generator wrote a click that is not JSON", e);
        }
    }
}
