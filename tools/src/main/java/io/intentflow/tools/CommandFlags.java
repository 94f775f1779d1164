package io.intentflow.tools;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command's flags, each {@code --flag value} or {@code --flag=value}, from a fixed list; every
 * typed read names its flag when the value is bad ({@link IllegalArgumentException}).
 */
public final class CommandFlags {

    private final Map<String, String> values;

    private CommandFlags(Map<String, String> values) {
        this.values = values;
    }

    /** @throws IllegalArgumentException for a flag not in {@code known}, or one without a value */
    public static CommandFlags parse(String[] args, List<String> known) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : arg;
            if (!arg.startsWith("--") || !known.contains(flag)) {
                throw new IllegalArgumentException("unknown flag '" + arg + "'; flags: --" + String.join(" --", known));
            }
            if (arg.contains("=")) {
                values.put(flag, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.length) {
                values.put(flag, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + flag + " needs a value");
            }
        }
        return new CommandFlags(values);
    }

    /** The value as given, if the flag was. */
    public Optional<String> value(String flag) {
        return Optional.ofNullable(values.get(flag));
    }

    /** A non-blank value, trimmed. */
    public String text(String flag, String fallback) {
        String value = values.getOrDefault(flag, fallback);
        if (value.isBlank()) {
            throw new IllegalArgumentException("--" + flag + " must not be blank");
        }
        return value.trim();
    }

    /** A whole number from 1 to {@code max}. */
    public long positive(String flag, long fallback, long max) {
        long value = whole(flag, fallback);
        if (value < 1 || value > max) {
            throw new IllegalArgumentException("--" + flag + " must be a whole number from 1 to " + max + ", got " + value);
        }
        return value;
    }

    public long whole(String flag, long fallback) {
        String value = values.get(flag);
        try {
            return value == null ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " must be a whole number, got '" + value + "'");
        }
    }

    public double number(String flag, double fallback) {
        String value = values.get(flag);
        try {
            return value == null ? fallback : Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " must be a number, got '" + value + "'");
        }
    }

    /** A required point in time, ISO-8601 ({@code 2017-11-29T12:00:00Z}) or epoch milliseconds; in epoch milliseconds. */
    public long time(String flag) {
        String value = value(flag).orElseThrow(() -> new IllegalArgumentException("--" + flag + " is required")).trim();
        try {
            return value.matches("-?\\d+") ? Long.parseLong(value) : Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag + " must be a time like 2017-11-29T12:00:00Z or epoch milliseconds, got '" + value + "'");
        }
    }
}
