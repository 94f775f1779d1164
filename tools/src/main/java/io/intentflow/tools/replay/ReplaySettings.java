package io.intentflow.tools.replay;

import io.intentflow.tools.CommandFlags;
import io.intentflow.tools.datasets.DatasetFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The flags of {@code replay}, each {@code --flag value} or {@code --flag=value}: {@code --format}
 * (taobao, rees46, retailrocket, yoochoose, intentflow) and {@code --input FILE}, both required; {@code
 * --speed X} times real time, or {@code max} (the default): as fast as the broker takes it;
 * {@code --max-pause SECONDS} (5), the longest wait between two records, so that a stray early
 * row does not hold the replay for days; {@code --limit N}, the first N records in event time
 * (default: all); {@code --bootstrap} (127.0.0.1:9092), {@code --clicks-topic} (clicks), {@code
 * --purchases-topic} (purchases).
 *
 * @param speed empty: as fast as the broker takes it
 */
public record ReplaySettings(
        DatasetFormat format,
        Path input,
        OptionalDouble speed,
        Duration maxPause,
        Optional<Long> limit,
        String bootstrap,
        String clicksTopic,
        String purchasesTopic) {

    /** The flags a replay takes; the demo passes them on. */
    public static final List<String> FLAGS = List.of(
            "format", "input", "speed", "max-pause", "limit", "bootstrap", "clicks-topic", "purchases-topic");

    private static final long DEFAULT_MAX_PAUSE_SECONDS = 5;
    private static final long MAX_SECONDS = 365 * 86_400L;

    /** @throws IllegalArgumentException naming the flag, for an unknown or missing flag or a bad value */
    public static ReplaySettings parse(String[] args) {
        CommandFlags flags = CommandFlags.parse(args, FLAGS);
        String format = flags.value("format").orElseThrow(() -> new IllegalArgumentException("--format is required"));
        String input = flags.value("input").orElseThrow(() -> new IllegalArgumentException("--input is required"));
        return new ReplaySettings(
                DatasetFormat.named(format.trim()),
                Path.of(input.trim()),
                speed(flags.value("speed").orElse("max")),
                Duration.ofSeconds(flags.positive("max-pause", DEFAULT_MAX_PAUSE_SECONDS, MAX_SECONDS)),
                flags.value("limit").map(l -> flags.positive("limit", 0, Long.MAX_VALUE)),
                flags.text("bootstrap", "127.0.0.1:9092"),
                flags.text("clicks-topic", "clicks"),
                flags.text("purchases-topic", "purchases"));
    }

    private static OptionalDouble speed(String value) {
        if (value.trim().equals("max")) {
            return OptionalDouble.empty();
        }
        try {
            double speed = Double.parseDouble(value.trim());
            if (Double.isFinite(speed) && speed > 0) {
                return OptionalDouble.of(speed);
            }
        } catch (NumberFormatException e) {
            // rejected below
        }
        throw new IllegalArgumentException("--speed must be a positive number (times real time) or max, got '" + value + "'");
    }
}
