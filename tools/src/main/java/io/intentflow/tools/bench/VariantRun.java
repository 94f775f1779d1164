package io.intentflow.tools.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One variant on the backlog: after the warm-up, the valid clicks the session window took in
 * ({@code numRecordsIn}) and the scores made over the measured seconds, read from Flink's REST
 * API; late dead letters over the whole run; the scorers' largest model freshness seen; this
 * JVM's peak resident memory.
 */
final class VariantRun {

    private static final String SESSIONIZER = "Sessionize per user (event time)";
    private static final String SCORER = "Score intent (DL4J)";
    private static final String LATE_CLICKS = "Late clicks to dead letters";
    private static final String TRAINER = "Train and publish model versions";
    private static final String CLICKS_IN = "Sessionize_per_user_(event_time).numRecordsIn";
    private static final String SCORES = "Score_intent_(DL4J).scores";
    private static final String EXPLANATIONS = "Score_intent_(DL4J).explanations";
    private static final String FRESHNESS = "Score_intent_(DL4J).modelFreshnessMs";
    private static final String LATE = "Late_clicks_to_dead_letters.deadLetters.late";
    private static final String PUBLISHED = "Train_and_publish_model_versions.publishedVersions";
    /** A variant that read this much of the backlog may have run dry before the end. */
    private static final double EXHAUSTED = 0.99;

    /**
     * @param eventsPerSecond valid clicks into the session window per second, over the measured seconds
     * @param clicksIn valid clicks into the session window over the whole run
     * @param explanations scores the scorers explained over the whole run
     * @param freshnessMs the largest {@code modelFreshnessMs} seen on any scorer; empty if no trained version went live
     * @param peakRssMb this JVM's peak over the run; -1 where unknown
     * @param backlogRanOut whether the variant read (almost) the whole backlog: its rate is then a lower bound, possibly far below (it idled once the backlog ran out)
     * @param checkpoints checkpoints completed in the measured seconds: commits of the exactly-once output
     * @param longestCheckpointMs the longest of the run's completed checkpoints
     * @param load each vertex's busy and back-pressured time while measured
     */
    record Result(
            double eventsPerSecond,
            double scoresPerSecond,
            long clicksIn,
            long explanations,
            long late,
            Optional<Long> freshnessMs,
            long publishedVersions,
            long peakRssMb,
            boolean backlogRanOut,
            long checkpoints,
            long longestCheckpointMs,
            double seconds,
            Map<String, VertexLoad.Share> load) {}

    /** Seconds between two readings of the vertices' load: each is a few dozen REST calls. */
    private static final int LOAD_EVERY_S = 5;

    private final BenchJob job;
    private long freshness = -1;
    private VertexLoad load;

    private VariantRun(BenchJob job) {
        this.job = job;
    }

    static Result measure(BenchJob job, Duration warmup, Duration duration, Backlog backlog) throws Exception {
        return new VariantRun(job).measure(warmup, duration, backlog);
    }

    private Result measure(Duration warmup, Duration duration, Backlog backlog) throws Exception {
        // Heap the last variant left behind is not this one's.
        System.gc();
        PeakRss.reset();
        watch(warmup);
        long clicksAtStart = sum(SESSIONIZER, CLICKS_IN);
        long scoresAtStart = sum(SCORER, SCORES);
        long checkpointsAtStart = job.completedCheckpoints();
        long startNanos = System.nanoTime();
        load = new VertexLoad();
        watch(duration);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long clicks = sum(SESSIONIZER, CLICKS_IN);
        long scores = sum(SCORER, SCORES);
        long checkpoints = job.completedCheckpoints() - checkpointsAtStart;
        return new Result(
                (clicks - clicksAtStart) / seconds,
                (scores - scoresAtStart) / seconds,
                clicks,
                sum(SCORER, EXPLANATIONS),
                sum(LATE_CLICKS, LATE),
                freshness < 0 ? Optional.empty() : Optional.of(freshness),
                sum(TRAINER, PUBLISHED),
                PeakRss.megabytes(),
                clicks >= EXHAUSTED * backlog.validClicks(),
                checkpoints,
                job.longestCheckpointMs(),
                seconds,
                load.shares());
    }

    /** Lets the job run for {@code time}, checking once a second that it runs and reading the scorers' freshness. */
    private void watch(Duration time) throws Exception {
        long end = System.nanoTime() + time.toNanos();
        int second = 0;
        for (long left = time.toMillis(); left > 0; left = (end - System.nanoTime()) / 1_000_000) {
            Thread.sleep(Math.min(left, 1000));
            job.requireRunning();
            if (load != null && ++second % LOAD_EVERY_S == 0) {
                load.sample(job.metrics);
            }
            for (double value : job.metrics.bySubtask(SCORER, FRESHNESS).values()) {
                freshness = Math.max(freshness, (long) value);
            }
        }
    }

    /** A counter summed over the vertex's subtasks; 0 where the vertex or the metric is not there. */
    private long sum(String vertex, String metric) {
        Map<Integer, Double> bySubtask = job.metrics.bySubtask(vertex, metric);
        return (long) bySubtask.values().stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sum();
    }
}
