package io.intentflow.tools.generate;

import io.intentflow.tools.CommandFlags;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The generator's flags, each {@code --flag value} or {@code --flag=value}: {@code --bootstrap}
 * (127.0.0.1:9092), {@code --rate} records/s (2000), {@code --duration SECONDS} and {@code
 * --count N} (default: until stopped), {@code --seed} (42), {@code --users} (2000), {@code
 * --start} (epoch ms or ISO-8601 instant; default now minus 7 days, to the second), {@code
 * --malformed-rate} (0.005), {@code --clicks-topic} (clicks), {@code --purchases-topic}
 * (purchases), {@code --out FILE} (none: to Kafka; with a file, {@code --count} or {@code
 * --duration}, then simulated seconds, is required, and the broker, rate and topics do not apply).
 */
public record GeneratorSettings(
        String bootstrap,
        int rate,
        Optional<Duration> duration,
        Optional<Long> count,
        long seed,
        int users,
        long start,
        double malformedRate,
        String clicksTopic,
        String purchasesTopic,
        Optional<Path> out) {

    private static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    private static final int DEFAULT_RATE = 2000;
    private static final long DEFAULT_SEED = 42;
    private static final int DEFAULT_USERS = 2000;
    public static final double DEFAULT_MALFORMED_RATE = 0.005;
    private static final Duration DEFAULT_START_BEFORE_NOW = Duration.ofDays(7);

    /** Ten years: a deadline in nanoseconds must not overflow. */
    private static final long MAX_SECONDS = 10 * 365 * 86_400L;
    private static final List<String> FLAGS = List.of(
            "bootstrap", "rate", "duration", "count", "seed", "users", "start", "malformed-rate", "clicks-topic",
            "purchases-topic", "out");

    public GeneratorSettings {
        if (rate < 1 || users < 1 || !(malformedRate >= 0 && malformedRate <= 0.5)) {
            throw new IllegalArgumentException("rate and users must be positive and the malformed rate within [0, 0.5]");
        }
        if (out.isPresent() && count.isEmpty() && duration.isEmpty()) {
            throw new IllegalArgumentException("--out needs --count or --duration: a file cannot take a stream without end");
        }
    }

    /** The defaults with the given seed, population and start: what tests use. */
    public static GeneratorSettings of(long seed, int users, long start) {
        return new GeneratorSettings(
                DEFAULT_BOOTSTRAP, DEFAULT_RATE, Optional.empty(), Optional.empty(), seed, users, start,
                DEFAULT_MALFORMED_RATE, "clicks", "purchases", Optional.empty());
    }

    /** @throws IllegalArgumentException naming the flag, for an unknown flag or a bad value */
    public static GeneratorSettings parse(String[] args) {
        CommandFlags flags = CommandFlags.parse(args, FLAGS);
        long defaultStart = (System.currentTimeMillis() - DEFAULT_START_BEFORE_NOW.toMillis()) / 1000 * 1000;
        double malformed = flags.number("malformed-rate", DEFAULT_MALFORMED_RATE);
        if (!(malformed >= 0 && malformed <= 0.5)) {
            throw new IllegalArgumentException("--malformed-rate must be within [0, 0.5], got " + flags.value("malformed-rate").orElseThrow());
        }
        return new GeneratorSettings(
                flags.text("bootstrap", DEFAULT_BOOTSTRAP),
                (int) flags.positive("rate", DEFAULT_RATE, Integer.MAX_VALUE),
                flags.value("duration").map(d -> Duration.ofSeconds(flags.positive("duration", 0, MAX_SECONDS))),
                flags.value("count").map(c -> flags.positive("count", 0, Long.MAX_VALUE)),
                flags.whole("seed", DEFAULT_SEED),
                (int) flags.positive("users", DEFAULT_USERS, 10_000_000),
                flags.value("start").map(GeneratorSettings::instant).orElse(defaultStart),
                malformed,
                flags.text("clicks-topic", "clicks"),
                flags.text("purchases-topic", "purchases"),
                flags.value("out").map(Path::of));
    }

    private static long instant(String value) {
        try {
            return value.trim().matches("\\d+") ? Long.parseLong(value.trim()) : Instant.parse(value.trim()).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("--start must be epoch milliseconds or an ISO-8601 instant, got '" + value + "'");
        }
    }
}
