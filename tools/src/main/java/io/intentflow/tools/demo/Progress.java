package io.intentflow.tools.demo;

import io.intentflow.tools.kafka.ProducerThread;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;

/** The demo's once-a-second progress line and its closing summary. */
final class Progress {

    private static final int RATE_TICKS = 5;

    private static final String TRAINER = "Train and publish";

    private final OutputCounter counter;
    private final ProducerThread<?> source;
    private final JobMetrics metrics;
    private String rollingAuc = "n/a";
    private final long startedNanos = System.nanoTime();
    private final ArrayDeque<Long> recentUpdates = new ArrayDeque<>();
    private final ArrayDeque<Long> recentScores = new ArrayDeque<>();
    private long lastSent;

    Progress(OutputCounter counter, ProducerThread<?> source, JobMetrics metrics) {
        this.counter = counter;
        this.source = source;
        this.metrics = metrics;
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
        long sent = source.clicksSent();
        long updates = counter.updates();
        long scores = counter.scores();
        readTrainerMetrics();
        String line =
                String.format(
                        "[%4ds] in %5d ev/s | updates %5d/s | scores %5d/s, model v%d | rolling AUC %s, %d versions | dead letters %d (late %d) | sessions %d | sent %d, accounted %d",
                        Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds(),
                        sent - lastSent,
                        rate(recentUpdates, updates),
                        rate(recentScores, scores),
                        counter.modelVersion(),
                        rollingAuc,
                        counter.versions(),
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
                "summary: events=%d updates=%d dead_letters=%d late=%d sessions=%d scored=%d model_version=%d rolling_auc=%s versions=%d",
                source.clicksSent(),
                counter.updates(),
                counter.deadLetters(),
                counter.deadLetters("late"),
                counter.sessions(),
                counter.scores(),
                counter.modelVersion(),
                rollingAuc,
                counter.versions());
    }

    /** The trainer's own view, read as the Web UI does; the last reading stays while the job winds down. */
    private void readTrainerMetrics() {
        metrics.get(TRAINER, "rollingAuc").ifPresent(auc -> rollingAuc = String.format(Locale.ROOT, "%.3f", auc));

    }

    /** Per second over the last few ticks: output commits once per checkpoint, in bursts. */
    private static long rate(ArrayDeque<Long> recent, long now) {
        recent.addLast(now);
        if (recent.size() > RATE_TICKS + 1) {
            recent.removeFirst();
        }
        return (now - recent.getFirst()) / Math.max(1, recent.size() - 1);
    }
}
