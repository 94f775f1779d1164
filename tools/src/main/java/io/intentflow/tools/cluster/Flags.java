package io.intentflow.tools.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operations commands' own flags ({@code --name value}, or {@code --savepoint} alone); every
 * other argument passes through unchanged, to the job.
 */
final class Flags {

    private static final Set<String> WITH_VALUE = Set.of("slots", "taskmanagers", "parallelism", "from-savepoint", "rest", "job", "runs", "seconds");
    private static final Set<String> SWITCHES = Set.of("savepoint");
    private static final Set<String> NUMBERS = Set.of("slots", "taskmanagers", "parallelism", "runs", "seconds");

    private final Map<String, String> values;
    private final List<String> passThrough;

    private Flags(Map<String, String> values, List<String> passThrough) {
        this.values = values;
        this.passThrough = passThrough;
    }

    static Flags parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        List<String> passThrough = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i).startsWith("--") ? args.get(i).substring(2) : "";
            if (SWITCHES.contains(name)) {
                values.put(name, "true");
            } else if (WITH_VALUE.contains(name)) {
                if (i + 1 == args.size()) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                String value = args.get(++i);
                if (NUMBERS.contains(name) && !value.matches("[1-9][0-9]{0,5}")) {
                    throw new IllegalArgumentException("--" + name + " takes a positive whole number, got '" + value + "'");
                }
                values.put(name, value);
            } else {
                passThrough.add(args.get(i));
            }
        }
        return new Flags(values, passThrough);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    Optional<Integer> intValue(String name) {
        return value(name).map(Integer::parseInt);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    List<String> passThrough() {
        return passThrough;
    }
}
