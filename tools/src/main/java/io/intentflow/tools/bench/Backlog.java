package io.intentflow.tools.bench;

import io.intentflow.tools.generate.BehaviourModel;
import io.intentflow.tools.generate.ClickstreamProducer;
import io.intentflow.tools.generate.ClickstreamSimulation;
import io.intentflow.tools.generate.GeneratedRecord.Kind;
import io.intentflow.tools.generate.GeneratorSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The input every variant reads: the generator's records for a few days of event time, written
 * once, as fast as the broker takes them, before any job starts. The same seed gives the same
 * records.
 *
 * @param records records written to both topics
 * @param validClicks clicks that pass validation (late, duplicate and out-of-order ones included):
 *     what the session window reads
 * @param users simulated shoppers
 * @param eventTime the event time the backlog spans
 * @param written how long writing it took
 */
record Backlog(long records, long validClicks, int users, Duration eventTime, Duration written) {

    static final long SEED = 7;

    /** Days of event time the backlog spans, for session state as a day's traffic leaves it. */
    private static final int DAYS = 3;
    /** Records a simulated shopper makes per day of event time (measured: 52.5 at 2,000 and 10,000 shoppers). */
    private static final int RECORDS_PER_USER_DAY = 52;
    /** Where event time starts: well behind the wall clock, which the generator never overtakes. */
    private static final Duration START_BEFORE_NOW = Duration.ofDays(14);

    /** Writes {@code records} records for the topics {@code input}-clicks and {@code input}-purchases. */
    static Backlog write(String bootstrap, String input, long records) throws Exception {
        int users = (int) Math.max(1, records / ((long) DAYS * RECORDS_PER_USER_DAY));
        GeneratorSettings settings = settings(bootstrap, input, Integer.MAX_VALUE, users, SEED, Optional.of(records));
        ClickstreamSimulation simulation = new ClickstreamSimulation(settings, BehaviourModel.standard());
        long started = System.nanoTime();
        ClickstreamProducer producer = new ClickstreamProducer(settings, simulation);
        producer.start();
        producer.await();
        long valid = producer.clicksSent() - producer.sent(Kind.MALFORMED);
        return new Backlog(
                producer.sentTotal(),
                valid,
                users,
                Duration.ofMillis(simulation.nextEmissionTime() - settings.start()),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The generator writing to {@code input}'s topics at {@code rate} records/s, starting two weeks back in event time. */
    static GeneratorSettings settings(String bootstrap, String input, int rate, int users, long seed, Optional<Long> count) {
        long start = System.currentTimeMillis() - START_BEFORE_NOW.toMillis();
        return new GeneratorSettings(
                bootstrap, rate, Optional.empty(), count, seed, users, start, GeneratorSettings.DEFAULT_MALFORMED_RATE,
                input + "-clicks", input + "-purchases", Optional.empty());
    }

    /** Of all records written, the share that are valid clicks: turns a click rate into a generator rate. */
    double validClickShare() {
        return (double) validClicks / records;
    }
}
