package io.intentflow.tools.datasets;

import io.intentflow.model.EventType;
import io.intentflow.tools.datasets.RejectedRow.Reason;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Counts what a dataset read yields, line by line, into its {@link DatasetReport}. */
final class ReportTally {

    private static final int MAX_EXAMPLE_CHARS = 120;

    private final long[] clicks = new long[EventType.count()];
    private final Map<Reason, Long> rejected = new EnumMap<>(Reason.class);
    private final Map<Reason, String> examples = new EnumMap<>(Reason.class);
    /** Ids of the users seen; the one part of a read that grows with the data beyond its sort. */
    private final Set<String> users = new HashSet<>();
    private long rows;
    private long orders;
    private long firstTs = Long.MAX_VALUE;
    private long lastTs = Long.MIN_VALUE;

    void accepted(DatasetRecord record) {
        rows++;
        if (record instanceof DatasetClick click) {
            clicks[click.type().ordinal()]++;
        } else {
            orders++;
        }
        users.add(record.userId());
        firstTs = Math.min(firstTs, record.ts());
        lastTs = Math.max(lastTs, record.ts());
    }

    void rejected(DatasetLine line, Reason reason, String detail) {
        rows++;
        if (rejected.merge(reason, 1L, Long::sum) == 1) {
            String text = line.text().length() <= MAX_EXAMPLE_CHARS ? line.text() : line.text().substring(0, MAX_EXAMPLE_CHARS) + "...";
            examples.put(reason, line.id() + ": " + detail + ": " + text);
        }
    }

    DatasetReport report(String format, List<Path> files) {
        Map<EventType, Long> byType = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            if (clicks[type.ordinal()] > 0) {
                byType.put(type, clicks[type.ordinal()]);
            }
        }
        boolean any = firstTs <= lastTs;
        return new DatasetReport(
                format, List.copyOf(files), rows, Collections.unmodifiableMap(byType), orders, users.size(),
                clicks[EventType.PURCHASE.ordinal()] + orders, Collections.unmodifiableMap(rejected),
                Collections.unmodifiableMap(examples), any ? firstTs : 0, any ? lastTs : 0);
    }
}
