package io.intentflow.tools.bench;

import io.intentflow.job.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.Configuration;

/**
 * The bench's command line: its own flags (see {@link Bench}) and any job configuration key,
 * which every variant gets.
 */
record BenchOptions(
        Duration duration,
        Duration warmup,
        String stateBackend,
        Path out,
        Optional<String> bootstrap,
        int parallelism,
        long records,
        Configuration jobConfig) {

    /**
     * Backlog records per second of a variant's run when {@code --records} is not given: above what
     * the baseline, the fastest variant, reads on two cores, so that no variant runs dry.
     */
    static final long RECORDS_PER_SECOND = 75_000;

    private static final Set<String> FLAGS = Set.of("duration", "warmup", "state", "out", "bootstrap", "parallelism", "records");
    private static final Set<String> STATE_BACKENDS = Set.of("rocksdb", "hashmap");

    static BenchOptions parse(String[] args) {
        Map<String, String> own = new HashMap<>();
        List<String> job = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --flag value pairs, got '" + args[i] + "'");
            }
            String flag = args[i].substring(2);
            if (FLAGS.contains(flag)) {
                own.put(flag, args[i + 1]);
            } else {
                job.addAll(List.of(args[i], args[i + 1]));
            }
        }
        if (!own.containsKey("out")) {
            throw new IllegalArgumentException("--out DIR is required: bench.json is written there");
        }
        String state = own.getOrDefault("state", "rocksdb");
        if (!STATE_BACKENDS.contains(state)) {
            throw new IllegalArgumentException("--state is rocksdb or hashmap, got '" + state + "'");
        }
        Duration duration = Duration.ofSeconds(positive(own, "duration", 60));
        Duration warmup = Duration.ofSeconds(positive(own, "warmup", 20));
        return new BenchOptions(
                duration,
                warmup,
                state,
                Path.of(own.get("out")),
                Optional.ofNullable(own.get("bootstrap")),
                (int) positive(own, "parallelism", 2),
                positive(own, "records", RECORDS_PER_SECOND * warmup.plus(duration).toSeconds()),
                ConfigLoader.load(job.toArray(String[]::new)));
    }

    private static long positive(Map<String, String> flags, String flag, long fallback) {
        String value = flags.get(flag);
        try {
            long parsed = value == null ? fallback : Long.parseLong(value.trim());
            if (parsed > 0 && parsed <= Integer.MAX_VALUE) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + flag + " must be a positive whole number, got '" + value + "'");
    }
}
