package io.intentflow.tools.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A dataset's file format: which files it reads, and how one line becomes one of our records.
 * Each public format maps its event types to ours ({@code EventType}); docs/datasets.md lists the
 * mappings. The {@code intentflow} format is our records themselves.
 */
public interface DatasetFormat {

    /** What {@code --format} takes. */
    String name();

    /** The first line of each file when the format has a header; it carries no record. */
    default Optional<String> header() {
        return Optional.empty();
    }

    /**
     * The files of the dataset at {@code input}, in reading order; {@link DatasetLine#file()} is
     * the index in this list.
     *
     * @throws IllegalArgumentException when a file the format needs is missing
     */
    default List<Path> files(Path input) {
        return List.of(input);
    }

    /** The record of one line. */
    DatasetRecord parse(DatasetLine line) throws RejectedRow;

    static List<DatasetFormat> all() {
        return List.of(new TaobaoFormat(), new Rees46Format(), new RetailRocketFormat(), new YoochooseFormat(), new IntentflowFormat());
    }

    /** @throws IllegalArgumentException naming the formats there are */
    static DatasetFormat named(String name) {
        return all().stream()
                .filter(format -> format.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown format '" + name + "'; formats: " + String.join(", ", all().stream().map(DatasetFormat::name).toList())));
    }
}
