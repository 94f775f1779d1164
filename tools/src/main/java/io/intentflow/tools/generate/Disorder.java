package io.intentflow.tools.generate;

import io.intentflow.tools.generate.GeneratedRecord.Kind;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * What real pipelines do to a clickstream: skewed client clocks, clicks held back a few seconds
 * (out of order) or past their session (late), clicks broken by buggy producers, and retries
 * that send a click twice. Held clicks wait here until the simulation's clock reaches them.
 */
final class Disorder {

    static final double LATE_RATE = 0.003;
    static final double OUT_OF_ORDER_RATE = 0.02;
    static final double DUPLICATE_RATE = 0.002;
    static final long JITTER_MS = 2_000;
    static final long MAX_OUT_OF_ORDER_MS = 10_000;
    /** Late clicks come after a 30-minute session gap has closed their session. */
    static final long MIN_LATE_MS = 45 * 60_000L;
    static final long MAX_LATE_MS = 120 * 60_000L;

    private record Held(long releaseAt, long seq, GeneratedRecord record) {}

    private final SplittableRandom random;
    private final double malformedRate;
    private final PriorityQueue<Held> held =
            new PriorityQueue<>(Comparator.comparingLong(Held::releaseAt).thenComparingLong(Held::seq));
    private long seq;

    Disorder(SplittableRandom random, double malformedRate) {
        this.random = random;
        this.malformedRate = malformedRate;
    }

    /** The time a client writes: the true time off by up to {@value #JITTER_MS} ms either way. */
    long clientTime(long trueTime) {
        return trueTime + random.nextLong(-JITTER_MS, JITTER_MS + 1);
    }

    /**
     * Sends a valid click on its way at simulated time {@code now}: at once, held back, broken, or
     * twice.
     *
     * @param breakable false keeps the click valid (a purchase click, so that every order has one)
     */
    void emit(GeneratedRecord click, long now, boolean breakable, Consumer<GeneratedRecord> out) {
        double roll = random.nextDouble();
        double lateBelow = malformedRate + LATE_RATE;
        if (roll < malformedRate && breakable) {
            byte[] broken = MalformedRecords.apply(MalformedRecords.pick(random), click.value(), random);
            out.accept(new GeneratedRecord(click.topic(), click.key(), broken, click.eventTs(), Kind.MALFORMED));
        } else if (roll >= malformedRate && roll < lateBelow) {
            hold(click.eventTs() + random.nextLong(MIN_LATE_MS, MAX_LATE_MS + 1), click.as(Kind.LATE));
        } else if (roll >= lateBelow && roll < lateBelow + OUT_OF_ORDER_RATE) {
            hold(now + random.nextLong(1_000, MAX_OUT_OF_ORDER_MS + 1), click.as(Kind.OUT_OF_ORDER));
        } else {
            out.accept(click);
            if (random.nextDouble() < DUPLICATE_RATE) {
                out.accept(click.as(Kind.DUPLICATE));
            }
        }
    }

    /** When the next held click is due; {@link Long#MAX_VALUE} if none is held. */
    long nextRelease() {
        return held.isEmpty() ? Long.MAX_VALUE : held.peek().releaseAt();
    }

    GeneratedRecord release() {
        return held.poll().record();
    }

    private void hold(long releaseAt, GeneratedRecord record) {
        held.add(new Held(releaseAt, seq++, record));
    }
}
