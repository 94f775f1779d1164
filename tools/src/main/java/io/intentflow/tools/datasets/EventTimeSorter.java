package io.intentflow.tools.datasets;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Puts records in event-time order, stably: records with the same time keep the order they were
 * added in. Up to {@code chunk} records sort in memory; beyond that each full chunk is sorted and
 * written to a temporary file (a run), and the runs are merged as they are read back, so a
 * dataset larger than the heap sorts in the space of one chunk.
 */
final class EventTimeSorter implements AutoCloseable {

    private static final Comparator<DatasetRecord> BY_TIME = Comparator.comparingLong(DatasetRecord::ts);
    private static final int IO_BUFFER = 1 << 16;

    private final int chunk;
    private final Path scratch;
    private final List<Path> runs = new ArrayList<>();
    private final List<DataInputStream> open = new ArrayList<>();
    private List<DatasetRecord> buffer = new ArrayList<>();
    private Path folder;

    /** @param scratch the folder under which the runs go, in a folder of their own */
    EventTimeSorter(int chunk, Path scratch) {
        this.chunk = chunk;
        this.scratch = scratch;
    }

    void add(DatasetRecord record) throws IOException {
        buffer.add(record);
        if (buffer.size() == chunk) {
            spill();
        }
    }

    /** Whether the records went to disk. */
    boolean spilled() {
        return !runs.isEmpty();
    }

    /** Every record added, in event-time order; once, after the last {@link #add}. */
    Iterator<DatasetRecord> sorted() throws IOException {
        buffer.sort(BY_TIME); // a stable sort
        if (runs.isEmpty()) {
            return buffer.iterator();
        }
        spill();
        return new Merge();
    }

    /** Deletes the runs. */
    @Override
    public void close() throws IOException {
        for (DataInputStream in : open) {
            in.close();
        }
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
        if (folder != null) {
            Files.deleteIfExists(folder);
        }
    }

    private void spill() throws IOException {
        if (buffer.isEmpty()) {
            return;
        }
        if (folder == null) {
            folder = Files.createTempDirectory(scratch, "intentflow-dataset-");
            folder.toFile().deleteOnExit();
        }
        buffer.sort(BY_TIME);
        Path run = folder.resolve("run-" + runs.size());
        runs.add(run);
        // Also on exit, should the JVM end (Ctrl-C during a replay) before close().
        run.toFile().deleteOnExit();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), IO_BUFFER))) {
            for (DatasetRecord record : buffer) {
                SpilledRecords.write(out, record);
            }
        }
        buffer = new ArrayList<>();
    }

    /** The runs merged; ties go to the earlier run, which holds the records added earlier. */
    private final class Merge implements Iterator<DatasetRecord> {

        private record Head(DatasetRecord record, int run) {}

        private final PriorityQueue<Head> heads =
                new PriorityQueue<>(Comparator.comparingLong((Head h) -> h.record().ts()).thenComparingInt(Head::run));

        Merge() throws IOException {
            for (Path run : runs) {
                open.add(new DataInputStream(new BufferedInputStream(Files.newInputStream(run), IO_BUFFER)));
            }
            for (int run = 0; run < open.size(); run++) {
                advance(run);
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public DatasetRecord next() {
            Head head = heads.poll();
            if (head == null) {
                throw new NoSuchElementException();
            }
            try {
                advance(head.run());
            } catch (IOException e) {
                throw new UncheckedIOException("reading back a sorted run of " + folder, e);
            }
            return head.record();
        }

        private void advance(int run) throws IOException {
            DatasetRecord next = SpilledRecords.read(open.get(run));
            if (next != null) {
                heads.add(new Head(next, run));
            }
        }
    }
}
