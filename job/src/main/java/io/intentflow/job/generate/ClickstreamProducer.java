package io.intentflow.job.generate;

import io.intentflow.job.generate.GeneratedRecord.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the simulation to Kafka at a steady rate, on a thread of its own, counting what it sent
 * by kind. Simulated time never runs ahead of the wall clock: the generator waits instead.
 */
public final class ClickstreamProducer implements AutoCloseable {

    private final GeneratorSettings settings;
    private final ClickstreamSimulation simulation;
    private final Map<Kind, AtomicLong> sent = new EnumMap<>(Kind.class);
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Exception failure;

    public ClickstreamProducer(GeneratorSettings settings) {
        this.settings = settings;
        this.simulation = new ClickstreamSimulation(settings, new BehaviourModel());
        for (Kind kind : Kind.values()) {
            sent.put(kind, new AtomicLong());
        }
        this.thread = new Thread(this::run, "clickstream-generator");
    }

    public void start() {
        thread.start();
    }

    /** Stops sending, flushes what was sent, and returns once the producer is closed. */
    public void stop() throws InterruptedException {
        stopping = true;
        thread.join(Duration.ofSeconds(30).toMillis());
    }

    /** Blocks until the generator ends by itself (duration or count) or is stopped. */
    public void await() throws Exception {
        thread.join();
        if (failure != null) {
            throw failure;
        }
    }

    public long sent(Kind kind) {
        return sent.get(kind).get();
    }

    /** Records written to the clicks topic, malformed, duplicate and late ones included. */
    public long clicksSent() {
        return sent.values().stream().mapToLong(AtomicLong::get).sum() - sent(Kind.PURCHASE);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void run() {
        long startNanos = System.nanoTime();
        long deadline = settings.duration().map(d -> startNanos + d.toNanos()).orElse(Long.MAX_VALUE);
        long limit = settings.count().orElse(Long.MAX_VALUE);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (long n = 0; n < limit && !stopping && System.nanoTime() < deadline; n++) {
                GeneratedRecord record = simulation.next();
                pace(n, startNanos, record.eventTs());
                producer.send(new ProducerRecord<>(record.topic(), record.key().getBytes(StandardCharsets.UTF_8), record.value()));
                sent.get(record.kind()).incrementAndGet();
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Sleeps in steps of at least 5 ms: one sleep per record would cap the rate far below target. */
    private void pace(long n, long startNanos, long eventTs) throws InterruptedException {
        long due = startNanos + (long) (n * 1e9 / settings.rate());
        long ahead = Math.max(due - System.nanoTime(), Duration.ofMillis(eventTs - System.currentTimeMillis()).toNanos());
        if (ahead >= 5_000_000L) {
            Thread.sleep(ahead / 1_000_000L);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties properties = new Properties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
