package io.intentflow.tools.evaluate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Labels for a whole dataset known in advance: an event is positive when the same user buys
 * strictly after it, within the horizon ({@code label.horizon}): the definition of the job's
 * {@code LabelJoiner}, computed offline.
 */
public final class PurchaseLabels {

    /**
     * @param knownAt event time at which the label is known: the purchase, or the horizon's end
     *     (when an online learner may learn from it)
     */
    public record Label(boolean purchased, long knownAt) {}

    private final long horizonMs;
    private final Map<String, NavigableSet<Long>> purchases = new HashMap<>();

    public PurchaseLabels(Duration horizon) {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("the label horizon must be positive: " + horizon);
        }
        this.horizonMs = horizon.toMillis();
    }

    /** A purchase: an order, or a purchase click (the same purchase twice counts once). */
    public void add(String userId, long ts) {
        purchases.computeIfAbsent(userId, u -> new TreeSet<>()).add(ts);
    }

    public Label of(String userId, long eventTs) {
        NavigableSet<Long> times = purchases.get(userId);
        Long next = times == null ? null : times.higher(eventTs);
        if (next != null && next <= eventTs + horizonMs) {
            return new Label(true, next);
        }
        return new Label(false, eventTs + horizonMs);
    }
}
