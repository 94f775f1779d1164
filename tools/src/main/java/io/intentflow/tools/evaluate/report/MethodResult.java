package io.intentflow.tools.evaluate.report;

import io.intentflow.model.training.Auc;
import io.intentflow.tools.evaluate.EventColumns;
import io.intentflow.tools.evaluate.ScoredEvent;
import io.intentflow.tools.evaluate.TimeSplit;
import io.intentflow.tools.evaluate.metrics.CoveoCartScore;
import io.intentflow.tools.evaluate.metrics.EventsSeenBucket;
import io.intentflow.tools.evaluate.metrics.Metrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the report shows of one method: its metrics overall and by events seen, the Coveo
 * measure, the AUC over event time, and when each of its model versions first scored.
 */
public record MethodResult(
        String name,
        Metrics overall,
        Map<EventsSeenBucket, Metrics> byEvents,
        CoveoCartScore coveo,
        List<TimeWindow> overTime,
        List<VersionStart> versions) {

    /** The AUC of the events in [from, to); NaN when they hold one class only. */
    public record TimeWindow(long from, long to, int events, double auc) {}

    /** The event time at which a model version first scored an event. */
    public record VersionStart(long version, long from) {}

    static MethodResult of(String name, List<ScoredEvent> events, ReportSettings settings) {
        Map<EventsSeenBucket, List<ScoredEvent>> buckets = new EnumMap<>(EventsSeenBucket.class);
        for (ScoredEvent e : events) {
            buckets.computeIfAbsent(EventsSeenBucket.of(e.eventsSeen()), b -> new ArrayList<>()).add(e);
        }
        Map<EventsSeenBucket, Metrics> byEvents = new EnumMap<>(EventsSeenBucket.class);
        buckets.forEach((bucket, inBucket) -> byEvents.put(bucket, Metrics.of(inBucket, settings.threshold(), settings.bootstrap())));
        return new MethodResult(
                name,
                Metrics.of(events, settings.threshold(), settings.bootstrap()),
                byEvents,
                CoveoCartScore.of(events, settings.threshold()),
                overTime(events, settings.split(), settings.timeWindows()),
                versions(events));
    }

    private static List<TimeWindow> overTime(List<ScoredEvent> events, TimeSplit split, int windows) {
        long from = split.measuredFrom();
        long width = Math.max(1, (split.lastTs() - from + windows) / windows);
        List<List<ScoredEvent>> inWindow = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            inWindow.add(new ArrayList<>());
        }
        for (ScoredEvent e : events) {
            int w = (int) Math.min(windows - 1, Math.max(0, (e.eventTs() - from) / width));
            inWindow.get(w).add(e);
        }
        List<TimeWindow> result = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            EventColumns window = EventColumns.of(inWindow.get(w));
            result.add(new TimeWindow(from + w * width, from + (w + 1) * width, window.scores().length, Auc.of(window.scores(), window.labels())));
        }
        return result;
    }

    private static List<VersionStart> versions(List<ScoredEvent> events) {
        Map<Long, Long> firstScored = new HashMap<>();
        for (ScoredEvent e : events) {
            firstScored.merge(e.modelVersion(), e.eventTs(), Math::min);
        }
        return firstScored.entrySet().stream()
                .map(v -> new VersionStart(v.getKey(), v.getValue()))
                .sorted(Comparator.comparingLong(VersionStart::from).thenComparingLong(VersionStart::version))
                .toList();
    }
}
