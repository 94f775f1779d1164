package io.intentflow.tools.generate;

import io.intentflow.tools.generate.GeneratedRecord.Kind;
import io.intentflow.tools.kafka.ProducerThread;
import java.util.EnumSet;
import java.util.List;

/**
 * Writes the simulation to Kafka at the configured rate, on a thread of its own, counting what
 * the broker acknowledged by kind. Simulated time never runs ahead of the wall clock: when the
 * next record is due in the future, the generator waits.
 */
public final class ClickstreamProducer extends ProducerThread<Kind> {

    /** Hears of each record the broker acknowledged, on the producer's I/O thread. */
    @FunctionalInterface
    public interface Acknowledged {
        /** @param createTime the record's Kafka timestamp: when it was sent */
        void record(GeneratedRecord record, long createTime);
    }

    private final GeneratorSettings settings;
    private final ClickstreamSimulation simulation;
    private final Acknowledged listener;

    public ClickstreamProducer(GeneratorSettings settings) {
        this(settings, new ClickstreamSimulation(settings, BehaviourModel.standard()));
    }

    /** Sends {@code simulation}'s records, which the caller may keep to read intents or drift it. */
    public ClickstreamProducer(GeneratorSettings settings, ClickstreamSimulation simulation) {
        this(settings, simulation, (record, createTime) -> {});
    }

    /** As above, telling {@code listener} of every record acknowledged (the bench times clicks this way). */
    public ClickstreamProducer(GeneratorSettings settings, ClickstreamSimulation simulation, Acknowledged listener) {
        // A stock 1 MiB broker refuses the rare oversize malformed record: counted, not fatal.
        super("generate", settings.bootstrap(), List.of(settings.clicksTopic(), settings.purchasesTopic()), Kind.class, EnumSet.of(Kind.MALFORMED));
        this.settings = settings;
        this.simulation = simulation;
        this.listener = listener;
    }

    /** Records written to the clicks topic, malformed, duplicate and late ones included. */
    @Override
    public long clicksSent() {
        return sentTotal() - sent(Kind.PURCHASE);
    }

    @Override
    protected void produce() throws InterruptedException {
        long deadline = settings.duration().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        long limit = settings.count().orElse(Long.MAX_VALUE);
        RatePacer pacer = new RatePacer(settings.rate());
        for (long n = 0; n < limit && running() && System.nanoTime() < deadline
                && awaitWallClock(simulation.nextEmissionTime(), deadline); n++) {
            pacer.acquire();
            GeneratedRecord record = simulation.next();
            send(record.topic(), record.key(), record.value(), record.kind(), createTime -> listener.record(record, createTime));
        }
    }
}
