package io.intentflow.tools.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intentflow.tools.generate.GeneratedRecord.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Fixtures shared by the generator's tests: a fixed start and the records of a simulation. */
final class Simulated {

    static final long START = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
    /** The parser's clock in tests: well after everything the simulations below reach. */
    static final long NOW = START + 30L * 86_400_000L;
    static final Set<Kind> VALID_CLICKS = EnumSet.of(Kind.CLICK, Kind.DUPLICATE, Kind.LATE, Kind.OUT_OF_ORDER);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Simulated() {}

    static ClickstreamSimulation simulation(long seed, int users) {
        return new ClickstreamSimulation(GeneratorSettings.of(seed, users, START), BehaviourModel.standard());
    }

    static List<GeneratedRecord> take(ClickstreamSimulation simulation, int count) {
        List<GeneratedRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(simulation.next());
        }
        return records;
    }

    static JsonNode json(GeneratedRecord record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each valid click once (duplicates dropped), as JSON, in emission order. */
    static List<JsonNode> distinctClicks(List<GeneratedRecord> records) {
        List<JsonNode> clicks = new ArrayList<>();
        for (GeneratedRecord record : records) {
            if (VALID_CLICKS.contains(record.kind()) && record.kind() != Kind.DUPLICATE) {
                clicks.add(json(record));
            }
        }
        return clicks;
    }
}
