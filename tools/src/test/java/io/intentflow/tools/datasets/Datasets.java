package io.intentflow.tools.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Fixture files written byte for byte, and datasets read whole. */
final class Datasets {

    private Datasets() {}

    static Path file(Path dir, String name, String content) {
        try {
            return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a dataset reads: its report and records, in the order they come out. */
    record Read(DatasetReport report, List<DatasetRecord> records) {}

    static Read read(String format, Path input) throws IOException {
        try (Dataset dataset = Dataset.read(DatasetFormat.named(format), input)) {
            return new Read(dataset.report(), dataset.records().toList());
        }
    }
}
