package io.intentflow.job.generate;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The generator's flags: {@code --bootstrap} (127.0.0.1:9092), {@code --rate} events/s (2000),
 * {@code --duration SECONDS} and {@code --count N} (default: until stopped), {@code --seed} (42),
 * {@code --users} (2000), {@code --start} (epoch ms or ISO-8601; default now minus 7 days),
 * {@code --malformed-rate} (0.005), {@code --clicks-topic} (clicks), {@code --purchases-topic}
 * (purchases).
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
        String purchasesTopic) {

    private static final Set<String> FLAGS =
            Set.of("bootstrap", "rate", "duration", "count", "seed", "users", "start", "malformed-rate", "clicks-topic", "purchases-topic");

    /** Defaults with the given seed and start: what tests use. */
    public static GeneratorSettings of(long seed, int users, long start) {
        return new GeneratorSettings(
                "127.0.0.1:9092", 2000, Optional.empty(), Optional.empty(), seed, users, start, 0.005, "clicks", "purchases");
    }

    public static GeneratorSettings parse(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String flag = args[i].replaceFirst("^--", "");
            if (!args[i].startsWith("--") || !FLAGS.contains(flag)) {
                throw new IllegalArgumentException("unknown flag '" + args[i] + "'; flags: --" + String.join(" --", FLAGS));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("--" + flag + " needs a value");
            }
            flags.put(flag, args[i + 1]);
        }
        long defaultStart = (System.currentTimeMillis() - Duration.ofDays(7).toMillis()) / 1000 * 1000;
        double malformed = number(flags, "malformed-rate", "0.005");
        if (malformed < 0 || malformed > 0.5) {
            throw new IllegalArgumentException("--malformed-rate must be within [0, 0.5], got " + malformed);
        }
        return new GeneratorSettings(
                flags.getOrDefault("bootstrap", "127.0.0.1:9092"),
                (int) positive(flags, "rate", "2000"),
                Optional.ofNullable(flags.get("duration")).map(d -> Duration.ofSeconds(positive(flags, "duration", d))),
                Optional.ofNullable(flags.get("count")).map(c -> positive(flags, "count", c)),
                (long) number(flags, "seed", "42"),
                (int) positive(flags, "users", "2000"),
                Optional.ofNullable(flags.get("start")).map(GeneratorSettings::instant).orElse(defaultStart),
                malformed,
                flags.getOrDefault("clicks-topic", "clicks"),
                flags.getOrDefault("purchases-topic", "purchases"));
    }

    private static long positive(Map<String, String> flags, String flag, String fallback) {
        double value = number(flags, flag, fallback);
        if (value < 1 || value != Math.rint(value)) {
            throw new IllegalArgumentException("--" + flag + " must be a positive whole number, got " + flags.get(flag));
        }
        return (long) value;
    }

    private static double number(Map<String, String> flags, String flag, String fallback) {
        String text = flags.getOrDefault(flag, fallback);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " must be a number, got '" + text + "'");
        }
    }

    private static long instant(String text) {
        try {
            return text.matches("\\d+") ? Long.parseLong(text) : Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start must be epoch milliseconds or an ISO-8601 instant, got '" + text + "'");
        }
    }
}
