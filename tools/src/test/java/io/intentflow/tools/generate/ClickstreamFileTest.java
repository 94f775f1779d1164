package io.intentflow.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.tools.datasets.Dataset;
import io.intentflow.tools.datasets.DatasetClick;
import io.intentflow.tools.datasets.DatasetFormat;
import io.intentflow.tools.datasets.DatasetOrder;
import io.intentflow.tools.datasets.DatasetRecord;
import io.intentflow.tools.datasets.DatasetReport;
import io.intentflow.tools.generate.GeneratedRecord.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --out}: the simulation in a file that the {@code intentflow} dataset format reads back whole. */
class ClickstreamFileTest {

    private static final int COUNT = 20_000;

    @TempDir Path dir;

    @Test
    void everyValidClickAndOrderComesBackAndEveryMalformedOneIsRejected() throws Exception {
        Path out = dir.resolve("sim.jsonl");
        // Starting a week back, as by default: a malformed time "400 days ahead" is then in the future for the reader too.
        GeneratorSettings settings = GeneratorSettings.parse(new String[] {"--count", "" + COUNT, "--seed", "7", "--out", out.toString()});
        ClickstreamFile file = new ClickstreamFile();
        file.write(new ClickstreamSimulation(settings, BehaviourModel.standard()), settings, out);
        List<GeneratedRecord> generated = Simulated.take(new ClickstreamSimulation(settings, BehaviourModel.standard()), COUNT);

        DatasetReport report;
        List<DatasetRecord> read;
        try (Dataset dataset = Dataset.read(DatasetFormat.named("intentflow"), out)) {
            report = dataset.report();
            read = dataset.records().toList();
        }

        assertThat(report.rows()).as("one line per record, the binary garbage included").isEqualTo(COUNT);
        assertThat(file.written(Kind.MALFORMED)).isPositive();
        assertThat(report.rejectedRows()).isEqualTo(file.written(Kind.MALFORMED));
        assertThat(count(read.stream().map(ClickstreamFileTest::id)))
                .isEqualTo(count(generated.stream().filter(r -> r.kind() != Kind.MALFORMED).map(ClickstreamFileTest::id)));
        assertThat(report.orders()).isEqualTo(file.written(Kind.PURCHASE)).isPositive();
        assertThat(file.written(Kind.DUPLICATE)).as("duplicates keep their event id").isPositive();
    }

    @Test
    void aDurationIsSimulatedTime() throws Exception {
        Path out = dir.resolve("hour.jsonl");
        GeneratorSettings settings = GeneratorSettings.parse(new String[] {"--duration", "3600", "--users", "200", "--out", out.toString()});
        new ClickstreamFile().write(new ClickstreamSimulation(settings, BehaviourModel.standard()), settings, out);

        try (Dataset dataset = Dataset.read(DatasetFormat.named("intentflow"), out)) {
            long end = settings.start() + Duration.ofHours(1).toMillis();
            assertThat(dataset.report().lastTs()).isBetween(end - Duration.ofMinutes(5).toMillis(), end + Disorder.JITTER_MS + 500);
        }
    }

    /** How often each id occurs: a click's event id, an order's id. */
    private static Map<String, Long> count(Stream<String> ids) {
        return ids.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String id(DatasetRecord record) {
        return record instanceof DatasetClick click ? click.eventId() : ((DatasetOrder) record).orderId();
    }

    private static String id(GeneratedRecord record) {
        return Simulated.json(record).get(record.kind() == Kind.PURCHASE ? "orderId" : "eventId").asText();
    }
}
