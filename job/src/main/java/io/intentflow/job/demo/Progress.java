package io.intentflow.job.demo;

import io.intentflow.job.generate.ClickstreamProducer;
import java.time.Duration;
import java.util.ArrayDeque;

/** The demo's once-a-second progress line and its closing summary. */
final class Progress {

    private static final int UPDATE_RATE_TICKS = 5;

    private final OutputCounter counter;
    private final ClickstreamProducer generator;
    private final long startedNanos = System.nanoTime();
    // Output commits once per checkpoint, so its rate is averaged over the last few ticks.
    private final ArrayDeque<Long> recentUpdates = new ArrayDeque<>();
    private long lastSent;

    Progress(OutputCounter counter, ClickstreamProducer generator) {
        this.counter = counter;
        this.generator = generator;
    }

    /** Reads the job's output for one whole interval. */
    void tick(Duration interval) {
        long end = System.nanoTime() + interval.toNanos();
        for (long left = interval.toNanos(); left > 0; left = end - System.nanoTime()) {
            counter.poll(Duration.ofNanos(left));
        }
    }

    /** Called once per one-second tick. */
    String line() {
        long sent = generator.clicksSent();
        long updates = counter.updates();
        recentUpdates.addLast(updates);
        if (recentUpdates.size() > UPDATE_RATE_TICKS + 1) {
            recentUpdates.removeFirst();
        }
        String line =
                String.format(
                        "[%4ds] in %5d ev/s | updates %5d/s | dead letters %d (late %d) | sessions %d | sent %d, accounted %d",
                        Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds(),
                        sent - lastSent,
                        (updates - recentUpdates.getFirst()) / Math.max(1, recentUpdates.size() - 1),
                        counter.deadLetters(),
                        counter.deadLetters("late"),
                        counter.sessions(),
                        sent,
                        updates + counter.deadLetters());
        lastSent = sent;
        return line;
    }

    String summary() {
        return String.format(
                "summary: events=%d updates=%d dead_letters=%d late=%d sessions=%d",
                generator.clicksSent(),
                counter.updates(),
                counter.deadLetters(),
                counter.deadLetters("late"),
                counter.sessions());
    }
}
