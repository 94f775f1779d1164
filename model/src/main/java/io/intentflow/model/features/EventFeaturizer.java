package io.intentflow.model.features;

import io.intentflow.model.SessionEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns each event of a session, in the context of the events before it, into a fixed-length
 * vector. Deterministic, and the same code serves the full-sequence pass and the one-step pass,
 * so both see identical inputs. Scaled so that every feature sits roughly in [-1, 1].
 *
 * <table>
 *   <tr><th>index</th><th>feature</th></tr>
 *   <tr><td>0-6</td><td>event type, one-hot</td></tr>
 *   <tr><td>7</td><td>log(1 + price) / 6</td></tr>
 *   <tr><td>8</td><td>log(1 + seconds since the previous event) / 8; 0 for the first</td></tr>
 *   <tr><td>9</td><td>same item as the previous event</td></tr>
 *   <tr><td>10</td><td>same category as the previous event</td></tr>
 *   <tr><td>11</td><td>log(1 + earlier events on this item) / 3</td></tr>
 *   <tr><td>12</td><td>log(1 + earlier events in this category) / 3</td></tr>
 *   <tr><td>13</td><td>log(1 + position in the session) / 4</td></tr>
 *   <tr><td>14-15</td><td>time of day (UTC) as sine and cosine</td></tr>
 *   <tr><td>16</td><td>log(1 + items in the cart before this event) / 3</td></tr>
 *   <tr><td>17</td><td>log(1 + cart value before this event) / 6</td></tr>
 *   <tr><td>18</td><td>searched earlier in the session</td></tr>
 *   <tr><td>19</td><td>started a checkout earlier in the session</td></tr>
 *   <tr><td>20-23</td><td>category hashed into 4 buckets, one-hot (none for events without one)</td></tr>
 *   <tr><td>24</td><td>log(1 + purchases earlier in the session) / 2</td></tr>
 * </table>
 *
 * <p>These are the inputs of {@link FeatureSet#SESSION}; {@link FeatureSet#USER} appends the
 * user's history to them.
 *
 * <p>A purchase event is itself an input like any other: the model predicts, at every event,
 * whether the session will contain a purchase, so the label joiner decides which prefixes
 * (never including the purchase) become training examples.
 */
public final class EventFeaturizer {

    /** Bumped whenever a feature changes meaning: it is part of the model's config hash. */
    public static final String VERSION = "features-v2";

    public static final int FEATURES = 25;

    /** The input {@code features-v1} lacked: models of that version read it with weights of 0. */
    public static final int PURCHASE_COUNT = 24;

    private static final int CATEGORY_BUCKETS = 4;
    private static final double DAY_MS = Duration.ofDays(1).toMillis();

    private EventFeaturizer() {}

    /**
     * Features of every event of {@code events} (time-ordered).
     *
     * @param firstPosition the position in the session of {@code events.get(0)}: above 0 when the
     *     ring has dropped older events
     */
    public static float[][] featurize(List<SessionEvent> events, int firstPosition) {
        Context context = new Context(firstPosition);
        float[][] features = new float[events.size()][];
        for (int i = 0; i < events.size(); i++) {
            features[i] = context.next(events.get(i));
        }
        return features;
    }

    /** Features of the last event of {@code events} only: what a one-step update needs. */
    public static float[] featurizeLast(List<SessionEvent> events, int firstPosition) {
        SessionEvent last = events.get(events.size() - 1);
        Context context = new Context(firstPosition, last);
        // The earlier events only move the context: no vector, no logarithm, no map entry of their own.
        for (int i = 0; i < events.size() - 1; i++) {
            context.remember(events.get(i));
        }
        return context.next(last);
    }

    /** What the events so far say; advanced one event at a time. */
    private static final class Context {
        private final Map<String, Integer> itemCounts = new HashMap<>();
        private final Map<String, Integer> categoryCounts = new HashMap<>();
        private SessionEvent previous;
        private int position;
        private int cartItems;
        private double cartValue;
        private boolean searched;
        private boolean checkedOut;
        private int purchases;

        /** When set, only this event's item and category are counted: the others are never asked for. */
        private final SessionEvent only;

        Context(int firstPosition) {
            this(firstPosition, null);
        }

        Context(int firstPosition, SessionEvent only) {
            this.position = firstPosition;
            this.only = only;
        }

        float[] next(SessionEvent e) {
            float[] x = new float[FEATURES];
            x[e.type().ordinal()] = 1f;
            x[7] = (float) (Math.log1p(Math.max(0, e.price())) / 6);
            if (previous != null) {
                x[8] = (float) (Math.log1p(Math.max(0, e.ts() - previous.ts()) / 1000.0) / 8);
                x[9] = same(e.itemId(), previous.itemId());
                x[10] = same(e.categoryId(), previous.categoryId());
            }
            x[11] = (float) (Math.log1p(count(itemCounts, e.itemId())) / 3);
            x[12] = (float) (Math.log1p(count(categoryCounts, e.categoryId())) / 3);
            x[13] = (float) (Math.log1p(position) / 4);
            double dayAngle = 2 * Math.PI * (Math.floorMod(e.ts(), (long) DAY_MS) / DAY_MS);
            x[14] = (float) Math.sin(dayAngle);
            x[15] = (float) Math.cos(dayAngle);
            x[16] = (float) (Math.log1p(cartItems) / 3);
            x[17] = (float) (Math.log1p(cartValue) / 6);
            x[18] = searched ? 1f : 0f;
            x[19] = checkedOut ? 1f : 0f;
            if (e.categoryId() != null) {
                x[20 + Math.floorMod(e.categoryId().hashCode(), CATEGORY_BUCKETS)] = 1f;
            }
            x[PURCHASE_COUNT] = (float) (Math.log1p(purchases) / 2);
            remember(e);
            return x;
        }

        private void remember(SessionEvent e) {
            if (e.itemId() != null && (only == null || e.itemId().equals(only.itemId()))) {
                itemCounts.merge(e.itemId(), 1, Integer::sum);
            }
            if (e.categoryId() != null && (only == null || e.categoryId().equals(only.categoryId()))) {
                categoryCounts.merge(e.categoryId(), 1, Integer::sum);
            }
            switch (e.type()) {
                case ADD_TO_CART -> {
                    cartItems++;
                    cartValue += e.price();
                }
                case REMOVE_FROM_CART -> {
                    cartItems = Math.max(0, cartItems - 1);
                    cartValue = Math.max(0, cartValue - e.price());
                }
                case PURCHASE -> {
                    cartItems = 0;
                    cartValue = 0;
                    purchases++;
                }
                case SEARCH -> searched = true;
                case CHECKOUT_START -> checkedOut = true;
                default -> { }
            }
            previous = e;
            position++;
        }

        private static float same(String a, String b) {
            return a != null && a.equals(b) ? 1f : 0f;
        }

        private static int count(Map<String, Integer> counts, String key) {
            return key == null ? 0 : counts.getOrDefault(key, 0);
        }
    }
}
