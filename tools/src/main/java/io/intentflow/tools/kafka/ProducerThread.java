package io.intentflow.tools.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A Kafka producer on a thread of its own, what {@code generate} and {@code replay} are built on:
 * the subclass decides what to send and when ({@link #produce}); this counts what the broker
 * acknowledged by kind, keeps the first failure, and flushes what was sent when {@code produce}
 * returns or the thread is stopped.
 *
 * @param <K> the kinds of record counted
 */
public abstract class ProducerThread<K extends Enum<K>> implements AutoCloseable {

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final long CLOCK_POLL_MS = 100;
    /** Room for the generator's oversize malformed records; the repo's broker takes up to 2 MiB. */
    private static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;

    private final String name;
    private final String bootstrap;
    private final List<String> topics;
    private final Map<K, AtomicLong> sent;
    private final Set<K> refusable;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread = new Thread(this::run);
    private volatile boolean stopping;
    /** Used on the thread only. */
    private KafkaProducer<byte[], byte[]> producer;

    /**
     * @param name the command, for the thread, the client id and messages
     * @param topics the topics it writes to; every partition of each is served before the first write
     * @param refusable kinds of record that a broker may refuse as too large without failing the
     *     run; they are counted as refused instead
     */
    protected ProducerThread(String name, String bootstrap, List<String> topics, Class<K> kinds, Set<K> refusable) {
        this.name = name;
        this.bootstrap = bootstrap;
        this.topics = List.copyOf(topics);
        this.sent = new EnumMap<>(kinds);
        for (K kind : kinds.getEnumConstants()) {
            sent.put(kind, new AtomicLong());
        }
        this.refusable = refusable;
        thread.setName(name);
    }

    /** Sends with {@link #send} while {@link #running()}; returns when there is nothing more to send. */
    protected abstract void produce() throws InterruptedException;

    public String name() {
        return name;
    }

    public void start() {
        thread.start();
    }

    /** Stops sending and returns once what was sent is flushed, waiting at most 30 s. */
    public void stop() throws InterruptedException {
        stopping = true;
        thread.join(STOP_WAIT.toMillis());
    }

    /** Blocks until the thread ends by itself (all sent, or a failure) or is stopped. */
    public void await() throws Exception {
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Records of this kind the broker acknowledged. */
    public long sent(K kind) {
        return sent.get(kind).get();
    }

    /** Records acknowledged, all kinds. */
    public long sentTotal() {
        return sent.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Records acknowledged on the clicks topic. */
    public abstract long clicksSent();

    /** Records the broker refused as too large, of a kind allowed to be; not counted as sent. */
    public long refused() {
        return refused.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Whether to go on: not stopped, and nothing failed. */
    protected boolean running() {
        return !stopping && failure.get() == null;
    }

    /** Sends one record, keyed by {@code key}'s UTF-8 bytes; counted once acknowledged. */
    protected void send(String topic, String key, byte[] value, K kind) {
        send(topic, key, value, kind, createTime -> {});
    }

    /** As above; {@code acknowledged} hears the record's Kafka timestamp (its CreateTime: when it was sent). */
    protected void send(String topic, String key, byte[] value, K kind, LongConsumer acknowledged) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value), acknowledged(kind, acknowledged));
    }

    /**
     * Waits, in short naps so that a stop is seen, until the wall clock reaches {@code wallMillis};
     * false when stopped, failed or past {@code deadlineNanos} first.
     */
    protected boolean awaitWallClock(long wallMillis, long deadlineNanos) throws InterruptedException {
        long ahead;
        while ((ahead = wallMillis - System.currentTimeMillis()) > 0) {
            if (!running() || System.nanoTime() >= deadlineNanos) {
                return false;
            }
            Thread.sleep(Math.min(ahead, CLOCK_POLL_MS));
        }
        return true;
    }

    private void run() {
        producer = producer();
        try {
            awaitTopicsServed();
            produce();
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            producer.close(CLOSE_WAIT);
        }
    }

    /**
     * Asks for each topic's partitions, which makes a broker that auto-creates topics create a
     * missing one, and waits until every partition is served: a first write racing a partition's
     * creation can stall an idempotent producer for its whole delivery timeout (see {@link
     * TopicSetup#awaitServed(String, Map)}).
     */
    private void awaitTopicsServed() {
        Map<String, Integer> partitions = new HashMap<>();
        for (String topic : topics) {
            partitions.put(topic, producer.partitionsFor(topic).size());
        }
        TopicSetup.awaitServed(bootstrap, partitions);
    }

    private Callback acknowledged(K kind, LongConsumer listener) {
        return (metadata, e) -> {
            if (e == null) {
                sent.get(kind).incrementAndGet();
                listener.accept(metadata.timestamp());
            } else if (e instanceof RecordTooLargeException && refusable.contains(kind)) {
                if (refused.getAndIncrement() == 0) {
                    System.err.println(name + ": the broker refused an oversize record (allow 2 MiB to send them): " + e.getMessage());
                }
            } else {
                failure.compareAndSet(null, e);
            }
        };
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties properties = new Properties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(MAX_REQUEST_BYTES));
        properties.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "intentflow-" + name);
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
