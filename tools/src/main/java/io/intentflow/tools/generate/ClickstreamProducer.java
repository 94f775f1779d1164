package io.intentflow.tools.generate;

import io.intentflow.tools.generate.GeneratedRecord.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the simulation to Kafka at the configured rate, on a thread of its own, counting what
 * the broker acknowledged by kind. Simulated time never runs ahead of the wall clock: when the
 * next record is due in the future, the generator waits.
 */
public final class ClickstreamProducer implements AutoCloseable {

    /** Hears of each record the broker acknowledged, on the producer's I/O thread. */
    @FunctionalInterface
    public interface Acknowledged {
        /** @param createTime the record's Kafka timestamp: when it was sent */
        void record(GeneratedRecord record, long createTime);
    }

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final long CLOCK_POLL_MS = 100;
    /** Room for the oversize malformed records; the repo's broker takes up to 2 MiB. */
    private static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;

    private final GeneratorSettings settings;
    private final ClickstreamSimulation simulation;
    private final Map<Kind, AtomicLong> sent = new EnumMap<>(Kind.class);
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Acknowledged listener;
    private final Thread thread = new Thread(this::run, "clickstream-generator");
    private volatile boolean stopping;

    public ClickstreamProducer(GeneratorSettings settings) {
        this(settings, new ClickstreamSimulation(settings, BehaviourModel.standard()));
    }

    /** Sends {@code simulation}'s records, which the caller may keep to read intents or drift it. */
    public ClickstreamProducer(GeneratorSettings settings, ClickstreamSimulation simulation) {
        this(settings, simulation, (record, createTime) -> {});
    }

    /** As above, telling {@code listener} of every record acknowledged (the bench times clicks this way). */
    public ClickstreamProducer(GeneratorSettings settings, ClickstreamSimulation simulation, Acknowledged listener) {
        this.settings = settings;
        this.simulation = simulation;
        this.listener = listener;
        for (Kind kind : Kind.values()) {
            sent.put(kind, new AtomicLong());
        }
    }

    public void start() {
        thread.start();
    }

    /** Stops sending and returns once what was sent is flushed, waiting at most 30 s. */
    public void stop() throws InterruptedException {
        stopping = true;
        thread.join(STOP_WAIT.toMillis());
    }

    /** Blocks until the generator ends by itself (duration, count, failure) or is stopped. */
    public void await() throws Exception {
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Records of this kind the broker acknowledged. */
    public long sent(Kind kind) {
        return sent.get(kind).get();
    }

    /** Records acknowledged on both topics. */
    public long sentTotal() {
        return sent.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Records written to the clicks topic, malformed, duplicate and late ones included. */
    public long clicksSent() {
        return sentTotal() - sent(Kind.PURCHASE);
    }

    /** Oversize malformed records that a broker with a 1 MiB limit refused; not counted as sent. */
    public long refused() {
        return refused.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void run() {
        long startNanos = System.nanoTime();
        long deadline = settings.duration().map(d -> startNanos + d.toNanos()).orElse(Long.MAX_VALUE);
        long limit = settings.count().orElse(Long.MAX_VALUE);
        RatePacer pacer = new RatePacer(settings.rate());
        KafkaProducer<byte[], byte[]> producer = producer();
        try {
            for (long n = 0; n < limit && running(deadline) && awaitWallClock(deadline); n++) {
                pacer.acquire();
                GeneratedRecord record = simulation.next();
                byte[] key = record.key().getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(record.topic(), key, record.value()), acknowledged(record));
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            producer.close(CLOSE_WAIT);
        }
    }

    private boolean running(long deadline) {
        return !stopping && failure.get() == null && System.nanoTime() < deadline;
    }

    /** Waits, in short naps so that a stop is seen, until the next record's time has come. */
    private boolean awaitWallClock(long deadline) throws InterruptedException {
        long ahead;
        while ((ahead = simulation.nextEmissionTime() - System.currentTimeMillis()) > 0) {
            if (!running(deadline)) {
                return false;
            }
            Thread.sleep(Math.min(ahead, CLOCK_POLL_MS));
        }
        return true;
    }

    private Callback acknowledged(GeneratedRecord record) {
        Kind kind = record.kind();
        return (metadata, e) -> {
            if (e == null) {
                sent.get(kind).incrementAndGet();
                listener.record(record, metadata.timestamp());
            } else if (e instanceof RecordTooLargeException && kind == Kind.MALFORMED) {
                if (refused.getAndIncrement() == 0) {
                    System.err.println(
                            "generate: the broker refused an oversize record (allow 2 MiB to test them): " + e.getMessage());
                }
            } else {
                failure.compareAndSet(null, e);
            }
        };
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties properties = new Properties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(MAX_REQUEST_BYTES));
        properties.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "intentflow-generator");
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
