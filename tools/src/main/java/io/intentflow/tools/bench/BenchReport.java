package io.intentflow.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the bench prints (a markdown table) and writes ({@code bench.json}).
 *
 * @param setup how the run was made: machine, parallelism, state backend, durations, input
 * @param latencyClicksPerSecond the valid clicks/s the latency was measured at: half of (b)'s
 * @param rssPerVariant whether the peak RSS could be reset per variant (else it is the JVM's peak so far)
 */
record BenchReport(
        Setup setup,
        Backlog backlog,
        Map<Variant, VariantRun.Result> variants,
        double latencyClicksPerSecond,
        LatencyProbe.Result latency,
        boolean rssPerVariant) {

    /** The run's conditions, as bench.json records them. */
    record Setup(
            int cores, int parallelism, String stateBackend, String deliveryGuarantee, Duration checkpointInterval, Duration warmup,
            Duration duration) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String NONE = "–";

    double ratio(Variant variant) {
        return variants.get(variant).eventsPerSecond() / variants.get(Variant.BASELINE).eventsPerSecond();
    }

    /** Scoring throughput with explanations over without: they must cost at most 10%. */
    double explanationsRatio() {
        return variants.get(Variant.SCORING).eventsPerSecond() / variants.get(Variant.UNEXPLAINED).eventsPerSecond();
    }

    /** Late dead letters: the most of any variant (they read the same backlog). */
    long late() {
        return variants.values().stream().mapToLong(VariantRun.Result::late).max().orElse(0);
    }

    Optional<Long> freshnessMs() {
        return variants.get(Variant.LEARNING).freshnessMs();
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "%nIntentflow bench: %d cores, parallelism %d, %s state, %s sinks, checkpoints every %d s; %,d records (%,d valid clicks, %d users, %.1f days of event time); %d s warm-up + %d s measured per variant%n%n",
                setup.cores(), setup.parallelism(), setup.stateBackend(), setup.deliveryGuarantee(), setup.checkpointInterval().toSeconds(),
                backlog.records(), backlog.validClicks(), backlog.users(), backlog.eventTime().toHours() / 24.0,
                setup.warmup().toSeconds(), setup.duration().toSeconds()));
        out.append("| variant | events/s | scores/s | late | p50 ms | p99 ms | freshness ms | peak RSS MB |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Variant variant : Variant.values()) {
            VariantRun.Result r = variants.get(variant);
            boolean scores = variant != Variant.BASELINE;
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %s | %,d | %s | %s | %s | %s |%n",
                    variant.title + (r.backlogRanOut() ? " (backlog ran out)" : ""),
                    r.eventsPerSecond(),
                    scores ? String.format(Locale.ROOT, "%,.0f", r.scoresPerSecond()) : NONE,
                    r.late(),
                    variant == Variant.SCORING ? text(latency.percentile(50)) : NONE,
                    variant == Variant.SCORING ? text(latency.percentile(99)) : NONE,
                    variant == Variant.LEARNING ? text(freshnessMs()) : NONE,
                    r.peakRssMb() < 0 ? NONE : String.format(Locale.ROOT, "%,d", r.peakRssMb())));
        }
        out.append(String.format(Locale.ROOT, "%nratio_scoring (b/a) %.2f, ratio_learning (c/a) %.2f, ratio_explanations (b/b0) %.2f%n%n",
                ratio(Variant.SCORING), ratio(Variant.LEARNING), explanationsRatio()));
        out.append("- events/s: valid clicks into the session window per second after the warm-up (its numRecordsIn, through Flink's REST API); scores/s: the scorers' scores counter, likewise\n");
        out.append("- late: dead letters with reason late over the whole run\n");
        out.append(String.format(Locale.ROOT, "- (b) explained %,d scores over its whole run (%,d clicks in); (b0) %,d%n",
                variants.get(Variant.SCORING).explanations(), variants.get(Variant.SCORING).clicksIn(), variants.get(Variant.UNEXPLAINED).explanations()));
        out.append(String.format(Locale.ROOT, "- p50/p99: scoredAt minus the click's Kafka CreateTime, (b) fed %,.0f clicks/s (half its events/s); %,d of %,d clicks scored; worst per second sent: %s ms%n",
                latencyClicksPerSecond, latency.latenciesMs().size(), latency.clicks(), Arrays.toString(latency.worstBySecondMs())));
        out.append(String.format(Locale.ROOT, "- freshness: the largest modelFreshnessMs seen on any scorer in (c), publication to live; %d versions published%n",
                variants.get(Variant.LEARNING).publishedVersions()));
        out.append("- peak RSS: VmHWM of this JVM, which runs the MiniCluster (JobManager and TaskManager) and the bench's Kafka clients"
                + (rssPerVariant ? ", reset per variant\n" : "; not resettable here, so the JVM's peak so far\n"));
        variants.forEach((variant, r) -> {
            if (r.backlogRanOut()) {
                out.append(String.format("warning: %s read the whole backlog; its events/s is a lower bound, possibly far below its rate (it idled once the backlog ran out), and so is any ratio over it: rerun with more --records%n", variant.key));
            }
            if (r.checkpoints() == 0) {
                out.append(String.format("warning: %s completed no checkpoint in its measured seconds, so nothing it processed then was committed%n", variant.key));
            }
        });
        return out.toString();
    }

    void write(Path file) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        for (Variant variant : Variant.values()) {
            json.put(variant.key + "_eps", round(variants.get(variant).eventsPerSecond()));
        }
        json.put("ratio_scoring", round(ratio(Variant.SCORING), 3));
        json.put("ratio_learning", round(ratio(Variant.LEARNING), 3));
        json.put("ratio_explanations", round(explanationsRatio(), 3));
        json.put("late", late());
        put(json, "p50_ms", latency.percentile(50));
        put(json, "p99_ms", latency.percentile(99));
        put(json, "freshness_ms", freshnessMs());
        json.put("latency_clicks_per_s", round(latencyClicksPerSecond));
        json.put("latency_generator_rate", latency.rate());
        json.put("latency_clicks", latency.clicks());
        json.put("latency_scored", latency.latenciesMs().size());
        var worst = json.putArray("latency_worst_by_second_ms");
        for (long ms : latency.worstBySecondMs()) {
            worst.add(ms);
        }
        json.put("cores", setup.cores());
        json.put("parallelism", setup.parallelism());
        json.put("state_backend", setup.stateBackend());
        json.put("delivery_guarantee", setup.deliveryGuarantee());
        json.put("checkpoint_interval_s", setup.checkpointInterval().toSeconds());
        json.put("flink", "MiniCluster in the bench's JVM (one TaskManager)");
        json.put("warmup_s", setup.warmup().toSeconds());
        json.put("duration_s", setup.duration().toSeconds());
        json.put("records", backlog.records());
        json.put("backlog_valid_clicks", backlog.validClicks());
        json.put("users", backlog.users());
        json.put("event_time_hours", backlog.eventTime().toHours());
        json.put("peak_rss", "VmHWM of the bench's JVM (MiniCluster and the bench's Kafka clients)" + (rssPerVariant ? ", reset per variant" : ", the JVM's peak so far"));
        ObjectNode each = json.putObject("variants");
        variants.forEach((variant, r) -> {
            ObjectNode v = each.putObject(variant.key);
            v.put("eps", round(r.eventsPerSecond()));
            v.put("scores_per_s", round(r.scoresPerSecond()));
            v.put("clicks_in", r.clicksIn());
            v.put("explanations", r.explanations());
            v.put("late", r.late());
            v.put("published_versions", r.publishedVersions());
            v.put("peak_rss_mb", r.peakRssMb());
            v.put("measured_s", round(r.seconds(), 1));
            v.put("checkpoints", r.checkpoints());
            v.put("longest_checkpoint_ms", r.longestCheckpointMs());
            v.put("backlog_ran_out", r.backlogRanOut());
            ObjectNode vertices = v.putObject("vertices");
            r.load().forEach((vertex, share) -> vertices.putObject(vertex)
                    .put("busy_ms_per_s", round(share.busyMsPerSecond()))
                    .put("back_pressured_ms_per_s", round(share.backPressuredMsPerSecond())));
        });
        JSON.writeValue(file.toFile(), json);
    }

    private static void put(ObjectNode json, String key, Optional<Long> value) {
        if (value.isPresent()) {
            json.put(key, value.get());
        } else {
            json.putNull(key);
        }
    }

    private static String text(Optional<Long> value) {
        return value.map(v -> String.format(Locale.ROOT, "%,d", v)).orElse(NONE);
    }

    private static double round(double value) {
        return round(value, 1);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
