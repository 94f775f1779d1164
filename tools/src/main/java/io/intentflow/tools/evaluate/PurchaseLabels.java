package io.intentflow.tools.evaluate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Labels for a whole dataset known in advance: an event is positive when the same user buys
 * strictly after it, within the horizon ({@code label.horizon}): the definition of the job's
 * {@code LabelJoiner}, computed offline, with the amount of the purchase that labels it.
 */
public final class PurchaseLabels {

    /**
     * @param knownAt event time at which the label is known: the purchase, or the horizon's end
     *     (when an online learner may learn from it)
     * @param amount what the purchase was worth; NaN for a negative or an unknown amount
     */
    public record Label(boolean purchased, long knownAt, double amount) {}

    private final long horizonMs;
    private final Map<String, NavigableMap<Long, Double>> purchases = new HashMap<>();

    public PurchaseLabels(Duration horizon) {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("the label horizon must be positive: " + horizon);
        }
        this.horizonMs = horizon.toMillis();
    }

    /**
     * A purchase: an order, or a purchase click (the same purchase twice counts once), of {@code
     * amount} (0 or NaN: not known; as the job's label joiner reads it).
     */
    public void add(String userId, long ts, double amount) {
        double known = amount > 0 ? amount : Double.NaN;
        purchases.computeIfAbsent(userId, u -> new TreeMap<>()).merge(ts, known, (a, b) -> Double.isNaN(a) ? b : a);
    }

    public Label of(String userId, long eventTs) {
        NavigableMap<Long, Double> times = purchases.get(userId);
        Map.Entry<Long, Double> next = times == null ? null : times.higherEntry(eventTs);
        if (next != null && next.getKey() <= eventTs + horizonMs) {
            return new Label(true, next.getKey(), next.getValue());
        }
        return new Label(false, eventTs + horizonMs, Double.NaN);
    }
}
