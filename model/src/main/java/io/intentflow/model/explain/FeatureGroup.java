package io.intentflow.model.explain;

import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.features.FeatureSet;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The featurizer's columns as a reader of an explanation thinks of them. Every column of a
 * feature set belongs to exactly one group; {@link #USER_HISTORY} exists only under
 * {@link FeatureSet#USER}. A group is occluded by setting its columns to 0, the value each of
 * them takes when its signal is absent (no price, no earlier view, an empty cart, no search).
 */
public enum FeatureGroup {
    /** The event's type, one-hot. */
    EVENT_TYPE(0, 1, 2, 3, 4, 5, 6),
    PRICE(7),
    /** Seconds since the previous event. */
    DWELL_TIME(8),
    /** Same item / category as the previous event, earlier events on this item / in this category. */
    REPEAT_VIEWS(9, 10, 11, 12),
    /** Position in the session. */
    POSITION(13),
    /** Sine and cosine of the UTC time of day. */
    TIME_OF_DAY(14, 15),
    /** Items and value in the cart before the event, and whether a checkout was started earlier. */
    CART_STATE(16, 17, 19),
    /** Whether the session searched earlier. */
    SEARCH(18),
    /** The category, hashed into four buckets. */
    CATEGORY(20, 21, 22, 23),
    /** Purchases earlier in the session. */
    EARLIER_PURCHASES(24),
    /** The user's orders and sessions before this one (model.features: user). */
    USER_HISTORY(25, 26, 27, 28, 29);

    private final int[] columns;

    FeatureGroup(int... columns) {
        this.columns = columns;
    }

    /** The featurizer's columns this group holds. */
    public int[] columns() {
        return columns.clone();
    }

    /** The name in an explanation: {@code event_type}, {@code cart_state}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The groups whose columns {@code set} has, in declaration order. */
    public static List<FeatureGroup> of(FeatureSet set) {
        return Arrays.stream(values()).filter(g -> g.columns[g.columns.length - 1] < set.features()).toList();
    }

    /** {@code features} of every event with this group's columns at their neutral value, in a copy. */
    float[][] occlude(float[][] features) {
        float[][] occluded = new float[features.length][];
        for (int t = 0; t < features.length; t++) {
            occluded[t] = features[t].clone();
            for (int column : columns) {
                occluded[t][column] = 0f;
            }
        }
        return occluded;
    }

    static {
        // Every session column in exactly one group: a new feature must be given one.
        int covered = Arrays.stream(values()).filter(g -> g != USER_HISTORY).mapToInt(g -> g.columns.length).sum();
        if (covered != EventFeaturizer.FEATURES) {
            throw new IllegalStateException("feature groups cover " + covered + " of " + EventFeaturizer.FEATURES + " columns");
        }
    }
}
