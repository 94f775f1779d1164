package io.intentflow.tools.datasets;

import io.intentflow.tools.datasets.RejectedRow.Reason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A public dataset read into our records, in event-time order, with a report of what was read.
 * A bad or cut-off line never stops the read: it is counted by reason in the report.
 *
 * <pre>{@code
 * try (Dataset data = Dataset.read(DatasetFormat.named("taobao"), Path.of("UserBehavior.csv"))) {
 *     System.out.println(data.report().summary());
 *     data.records().forEach(record -> ...);
 * }
 * }</pre>
 *
 * <p>The whole dataset is read before the first record comes out (sorting needs it): up to a
 * million records in memory, larger datasets in sorted runs in a folder under {@code
 * java.io.tmpdir}, about as large as the input, deleted on {@link #close()}.
 */
public final class Dataset implements AutoCloseable {

    /** Records sorted in memory at once: about 300 MB of heap. */
    static final int CHUNK = 1_000_000;
    /** Longer file names are cut in record ids, which the contract limits to 128 characters. */
    private static final int MAX_FILE_NAME_IN_ID = 64;
    private static final int READ_BUFFER = 1 << 16;

    private final DatasetReport report;
    private final EventTimeSorter sorter;
    private Iterator<DatasetRecord> sorted;

    private Dataset(DatasetReport report, EventTimeSorter sorter, Iterator<DatasetRecord> sorted) {
        this.report = report;
        this.sorter = sorter;
        this.sorted = sorted;
    }

    /**
     * Reads the dataset at {@code input} (what the format's files are found from).
     *
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException when the format misses one of its files
     */
    public static Dataset read(DatasetFormat format, Path input) throws IOException {
        return read(format, input, CHUNK, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param scratch where the sorted runs go when there are more than {@code chunk} records */
    static Dataset read(DatasetFormat format, Path input, int chunk, Path scratch) throws IOException {
        List<Path> files = format.files(input);
        ReportTally tally = new ReportTally();
        EventTimeSorter sorter = new EventTimeSorter(chunk, scratch);
        try {
            for (int file = 0; file < files.size(); file++) {
                readFile(format, files.get(file), file, tally, sorter);
            }
            return new Dataset(tally.report(format.name(), files), sorter, sorter.sorted());
        } catch (IOException | RuntimeException e) {
            sorter.close();
            throw e;
        }
    }

    public DatasetReport report() {
        return report;
    }

    /** The records in event-time order, the file's order for equal times; once. */
    public Stream<DatasetRecord> records() {
        if (sorted == null) {
            throw new IllegalStateException("the records of a dataset can be read once");
        }
        Iterator<DatasetRecord> records = sorted;
        sorted = null;
        return StreamSupport.stream(Spliterators.spliterator(records, report.records(), Spliterator.ORDERED), false);
    }

    /** Whether the records were sorted on disk. */
    boolean spilled() {
        return sorter.spilled();
    }

    @Override
    public void close() throws IOException {
        sorter.close();
    }

    private static void readFile(DatasetFormat format, Path path, int file, ReportTally tally, EventTimeSorter sorter)
            throws IOException {
        String name = path.getFileName().toString();
        String source = format.name() + ":" + (name.length() <= MAX_FILE_NAME_IN_ID ? name : name.substring(0, MAX_FILE_NAME_IN_ID));
        boolean lastLineEnded = endsWithLineEnd(path);
        // A reader, not Files.newBufferedReader: bytes that are not UTF-8 become U+FFFD in their line instead of failing the read.
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8), READ_BUFFER)) {
            String text = in.readLine();
            for (long number = 1; text != null; number++) {
                String next = in.readLine();
                if (number == 1) {
                    text = text.startsWith("\uFEFF") ? text.substring(1) : text;
                    if (format.header().filter(text::equals).isPresent()) {
                        text = next;
                        continue;
                    }
                }
                DatasetLine line = new DatasetLine(source, file, number, text);
                try {
                    DatasetRecord record = format.parse(line);
                    tally.accepted(record);
                    sorter.add(record);
                } catch (RejectedRow rejected) {
                    boolean cutOff = next == null && !lastLineEnded;
                    tally.rejected(line, cutOff ? Reason.CUT_OFF : rejected.reason(), rejected.getMessage());
                }
                text = next;
            }
        }
    }

    /** Whether the file's last byte ends a line; a last line without one may have been cut off. */
    private static boolean endsWithLineEnd(Path path) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            if (file.length() == 0) {
                return true;
            }
            file.seek(file.length() - 1);
            int last = file.read();
            return last == '\n' || last == '\r';
        }
    }
}
