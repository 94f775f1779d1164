package io.intentflow.tools.demo;

import io.intentflow.job.config.ConfigLoader;
import io.intentflow.job.config.JobSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.Configuration;

/**
 * The demo's command line: its own flags, the generator's or a replay's ({@code --format} and
 * {@code --input} replay a dataset instead of generating), and job configuration keys.
 */
record DemoOptions(
        Optional<Duration> duration,
        int uiPort,
        int parallelism,
        int partitions,
        List<String> generatorFlags,
        List<String> replayFlags,
        Configuration jobConfig) {

    private static final String DEFAULT_RATE = "5000";
    private static final Set<String> DEMO_FLAGS = Set.of("duration", "ui-port", "parallelism", "partitions");
    private static final Set<String> GENERATOR_FLAGS = Set.of("rate", "seed", "users", "malformed-rate", "start");
    private static final Set<String> REPLAY_FLAGS = Set.of("format", "input", "speed", "max-pause", "limit");

    static DemoOptions parse(String[] args) {
        Map<String, String> demo = new HashMap<>();
        List<String> generator = new ArrayList<>();
        List<String> replay = new ArrayList<>();
        List<String> job = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i].replaceFirst("^--?", "");
            if (!args[i].startsWith("-") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --flag value pairs, got '" + args[i] + "'");
            }
            String value = args[++i];
            if (DEMO_FLAGS.contains(flag)) {
                demo.put(flag, value);
            } else if (GENERATOR_FLAGS.contains(flag)) {
                generator.addAll(List.of("--" + flag, value));
            } else {
                (REPLAY_FLAGS.contains(flag) ? replay : job).addAll(List.of("--" + flag, value));
            }
        }
        if (!generator.isEmpty() && !replay.isEmpty()) {
            throw new IllegalArgumentException("a demo either generates or replays: " + generator + " do not go with " + replay);
        }
        return new DemoOptions(
                Optional.ofNullable(demo.get("duration")).map(s -> Duration.ofSeconds(positive("duration", s))),
                positive("ui-port", demo.getOrDefault("ui-port", "8081")),
                positive("parallelism", demo.getOrDefault("parallelism", "2")),
                positive("partitions", demo.getOrDefault("partitions", "4")),
                generator,
                replay,
                ConfigLoader.load(job.toArray(String[]::new)));
    }

    /** Whether the demo replays a dataset instead of running the generator. */
    boolean replays() {
        return !replayFlags.isEmpty();
    }

    /** The replay's flags, writing to the job's broker and topics. */
    String[] replayArgs(JobSettings settings) {
        List<String> args = new ArrayList<>(replayFlags);
        args.addAll(toJob(settings));
        return args.toArray(String[]::new);
    }

    /** The generator's flags, writing to the job's broker and topics. */
    String[] generatorArgs(JobSettings settings) {
        List<String> args = new ArrayList<>(generatorFlags);
        if (!args.contains("--rate")) {
            // What the whole pipeline, broker and generator sustain together on two cores.
            args.addAll(List.of("--rate", DEFAULT_RATE));
        }
        args.addAll(toJob(settings));
        return args.toArray(String[]::new);
    }

    private static List<String> toJob(JobSettings settings) {
        return List.of(
                "--bootstrap", settings.kafka().bootstrapServers(),
                "--clicks-topic", settings.topics().clicks(),
                "--purchases-topic", settings.topics().purchases());
    }

    private static int positive(String flag, String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + flag + " must be a positive whole number, got '" + value + "'");
    }
}
