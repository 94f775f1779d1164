package io.intentflow.tools.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sorting: stable event-time order, the same whether in memory or through runs on disk. */
class DatasetTest {

    private static final DatasetFormat TAOBAO = DatasetFormat.named("taobao");

    @TempDir Path dir;
    @TempDir Path scratch;

    @Test
    void aDatasetLargerThanOneChunkSortsOnDiskIntoTheSameStableOrder() throws Exception {
        StringBuilder rows = new StringBuilder();
        SplittableRandom random = new SplittableRandom(3);
        for (int user = 0; user < 50; user++) {
            // Grouped by user, as Taobao is, with few distinct seconds so that many times tie.
            for (int event = 0; event < 50; event++) {
                rows.append(user).append(",1,2,pv,").append(1511544000 + random.nextInt(300)).append('\n');
            }
        }
        Path file = Datasets.file(dir, "UserBehavior.csv", rows.toString());

        List<DatasetRecord> inMemory;
        try (Dataset dataset = Dataset.read(TAOBAO, file, Dataset.CHUNK, scratch)) {
            assertThat(dataset.spilled()).isFalse();
            inMemory = dataset.records().toList();
        }
        try (Dataset dataset = Dataset.read(TAOBAO, file, 128, scratch)) {
            assertThat(dataset.spilled()).isTrue();
            assertThat(dataset.records().toList()).isEqualTo(inMemory);
        }

        Comparator<DatasetRecord> byTimeThenLine =
                Comparator.comparingLong(DatasetRecord::ts).thenComparingLong(DatasetTest::lineNumber);
        assertThat(inMemory).hasSize(2500).isSortedAccordingTo(byTimeThenLine);
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).as("runs deleted on close").isEmpty();
        }
    }

    @Test
    void theRecordsCanBeReadOnce() throws Exception {
        Path file = Datasets.file(dir, "UserBehavior.csv", "1,2,3,pv,1511544000\n");
        try (Dataset dataset = Dataset.read(TAOBAO, file)) {
            assertThat(dataset.records()).hasSize(1);
            assertThatThrownBy(dataset::records).isInstanceOf(IllegalStateException.class);
        }
    }

    private static long lineNumber(DatasetRecord record) {
        String id = ((DatasetClick) record).eventId();
        return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
    }
}
