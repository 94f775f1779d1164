package io.intentflow.tools.datasets;

import io.intentflow.model.EventType;
import io.intentflow.tools.datasets.RejectedRow.Reason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What was read from a dataset.
 *
 * @param rows lines that should hold a record (headers not counted): {@code records() +
 *     rejectedRows()}
 * @param clicks clicks by type, only the types that occur
 * @param orders orders (YOOCHOOSE's buys)
 * @param users distinct user ids among the records
 * @param purchases purchase clicks plus orders
 * @param rejected rejected lines by reason, only the reasons that occur
 * @param examples the first rejected line of each reason: {@code file:line: detail: text}
 * @param firstTs event time of the earliest record, epoch ms (0 without records)
 * @param lastTs event time of the latest record
 */
public record DatasetReport(
        String format,
        List<Path> files,
        long rows,
        Map<EventType, Long> clicks,
        long orders,
        long users,
        long purchases,
        Map<Reason, Long> rejected,
        Map<Reason, String> examples,
        long firstTs,
        long lastTs) {

    public long clicks(EventType type) {
        return clicks.getOrDefault(type, 0L);
    }

    /** Clicks and orders. */
    public long records() {
        return clicks.values().stream().mapToLong(Long::longValue).sum() + orders;
    }

    public long rejectedRows() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The report as the commands print it, a line for what was read and one per rejection reason. */
    public String summary() {
        String types = clicks.entrySet().stream()
                .map(e -> e.getKey().wireName() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        StringBuilder text = new StringBuilder(String.format(
                "%s %s: rows=%d records=%d (%s%s) users=%d purchases=%d from %s to %s rejected=%d",
                format, files.stream().map(f -> f.getFileName().toString()).collect(Collectors.joining("+")), rows, records(), types,
                orders > 0 ? " orders=" + orders : "", users, purchases, Instant.ofEpochMilli(firstTs), Instant.ofEpochMilli(lastTs),
                rejectedRows()));
        rejected.forEach((reason, count) ->
                text.append(String.format("%n  rejected %s=%d, first: %s", reason.wireName(), count, examples.get(reason))));
        return text.toString();
    }
}
