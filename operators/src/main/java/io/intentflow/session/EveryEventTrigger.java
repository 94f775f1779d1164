package io.intentflow.session;

import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires a session window on every event, so an open session is observable (and scored) at
 * once; it never fires on time. Each emitted update therefore corresponds to exactly one event,
 * which keeps the record accounting exact. The window operator's own cleanup timer still purges
 * a session once the watermark passes its end plus the allowed lateness.
 */
public class EveryEventTrigger extends Trigger<Object, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public boolean canMerge() {
        return true;
    }

    @Override
    public void onMerge(TimeWindow window, OnMergeContext ctx) {
        // No timers of its own to carry over: cleanup is the window operator's.
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) {
        // Nothing registered, nothing to clear.
    }

    @Override
    public String toString() {
        return "EveryEventTrigger()";
    }
}
