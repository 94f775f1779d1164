package io.intentflow.tools.generate;

import io.intentflow.model.EventType;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How a user's hidden intent turns into behaviour: the Markov chain of a session. From the last
 * event (or the session's start), each next event type and leaving get a weight that blends a
 * low-intent table (intent 0) with a high-intent table (intent 1) linearly. Immutable; swapping
 * the model of a running {@link ClickstreamSimulation} is how concept drift gets simulated.
 */
public final class BehaviourModel {

    private static final int TYPES = EventType.count();
    /** Column of leaving the shop, after the event types' columns. */
    private static final int LEAVE = TYPES;
    /** Row of a session's first event, after the event types' rows. */
    private static final int START = TYPES;

    //                                       view  search  add   remove wish  checkout purchase leave
    private static final double[][] LOW = {
        /* view             */ {0.58, 0.16, 0.02, 0.01, 0.03, 0.01, 0.00, 0.19},
        /* search           */ {0.72, 0.12, 0.00, 0.00, 0.00, 0.00, 0.00, 0.16},
        /* add_to_cart      */ {0.55, 0.10, 0.02, 0.10, 0.02, 0.05, 0.00, 0.16},
        /* remove_from_cart */ {0.50, 0.15, 0.02, 0.05, 0.00, 0.03, 0.00, 0.25},
        /* wishlist         */ {0.60, 0.15, 0.02, 0.00, 0.00, 0.00, 0.00, 0.23},
        /* checkout_start   */ {0.30, 0.05, 0.00, 0.15, 0.00, 0.00, 0.20, 0.30},
        /* purchase         */ {0.20, 0.05, 0.00, 0.00, 0.00, 0.00, 0.00, 0.75},
        /* session start    */ {0.65, 0.35, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00},
    };
    private static final double[][] HIGH = {
        /* view             */ {0.42, 0.06, 0.28, 0.02, 0.07, 0.10, 0.00, 0.05},
        /* search           */ {0.85, 0.08, 0.00, 0.00, 0.00, 0.00, 0.00, 0.07},
        /* add_to_cart      */ {0.40, 0.05, 0.03, 0.02, 0.02, 0.45, 0.00, 0.03},
        /* remove_from_cart */ {0.55, 0.08, 0.08, 0.02, 0.00, 0.25, 0.00, 0.02},
        /* wishlist         */ {0.45, 0.05, 0.40, 0.00, 0.00, 0.05, 0.00, 0.05},
        /* checkout_start   */ {0.05, 0.00, 0.00, 0.02, 0.00, 0.00, 0.90, 0.03},
        /* purchase         */ {0.25, 0.08, 0.00, 0.00, 0.00, 0.00, 0.00, 0.67},
        /* session start    */ {0.75, 0.25, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00},
    };

    /**
     * What the session allows next.
     *
     * @param last the session's last event; null before its first
     * @param itemInView whether an item is on screen (wishlist needs one)
     * @param canAddToCart whether that item can go into the cart (not in it yet, cart not full)
     * @param cartEmpty remove and checkout need items in the cart
     */
    public record Context(EventType last, boolean itemInView, boolean canAddToCart, boolean cartEmpty) {}

    /** The probabilities of each next event type and of leaving, summing to 1. */
    public static final class Transitions {

        private final double[] p;

        private Transitions(double[] p) {
            this.p = p;
        }

        public double probability(EventType type) {
            return p[type.ordinal()];
        }

        public double leave() {
            return p[LEAVE];
        }

        /** The next event type, given that the user stays. */
        public EventType nextIfStaying(SplittableRandom random) {
            double pick = random.nextDouble() * (1 - p[LEAVE]);
            int chosen = 0;
            for (int type = 0; type < TYPES; type++) {
                if (p[type] > 0) {
                    chosen = type; // the last possible type also takes what rounding left over
                    if ((pick -= p[type]) < 0) {
                        break;
                    }
                }
            }
            return EventType.ofOrdinal(chosen);
        }
    }

    private final double[][] low;
    private final double[][] high;

    /**
     * @param low weights at intent 0, a row per last event type then one for the session start,
     *     a column per next event type then one for leaving
     * @param high the same at intent 1; a view must stay possible from every row
     */
    BehaviourModel(double[][] low, double[][] high) {
        for (double[][] table : new double[][][] {low, high}) {
            if (table.length != TYPES + 1 || Arrays.stream(table).anyMatch(r -> r.length != TYPES + 1 || r[0] <= 0)) {
                throw new IllegalArgumentException("a behaviour table is 8 x 8 and every row allows a view");
            }
        }
        this.low = low;
        this.high = high;
    }

    //                                             view  search  add   remove wish  checkout purchase leave
    private static final double[][] LOW_DRIFTED = {
        /* view             */ {0.45, 0.05, 0.25, 0.02, 0.03, 0.10, 0.00, 0.10},
        /* search           */ {0.80, 0.05, 0.00, 0.00, 0.00, 0.00, 0.00, 0.15},
        /* add_to_cart      */ {0.35, 0.02, 0.15, 0.03, 0.00, 0.35, 0.00, 0.10},
        /* remove_from_cart */ {0.40, 0.05, 0.10, 0.10, 0.00, 0.15, 0.00, 0.20},
        /* wishlist         */ {0.60, 0.10, 0.10, 0.00, 0.00, 0.00, 0.00, 0.20},
        /* checkout_start   */ {0.20, 0.00, 0.00, 0.45, 0.00, 0.00, 0.00, 0.35},
        /* purchase         */ {0.20, 0.05, 0.00, 0.00, 0.00, 0.00, 0.00, 0.75},
        /* session start    */ {0.95, 0.05, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00},
    };
    private static final double[][] HIGH_DRIFTED = {
        /* view             */ {0.30, 0.10, 0.45, 0.00, 0.05, 0.05, 0.00, 0.05},
        /* search           */ {0.85, 0.10, 0.00, 0.00, 0.00, 0.00, 0.00, 0.05},
        /* add_to_cart      */ {0.15, 0.05, 0.00, 0.00, 0.00, 0.75, 0.00, 0.05},
        /* remove_from_cart */ {0.50, 0.10, 0.20, 0.00, 0.00, 0.15, 0.00, 0.05},
        /* wishlist         */ {0.50, 0.10, 0.30, 0.00, 0.00, 0.05, 0.00, 0.05},
        /* checkout_start   */ {0.02, 0.00, 0.00, 0.00, 0.00, 0.00, 0.95, 0.03},
        /* purchase         */ {0.25, 0.08, 0.00, 0.00, 0.00, 0.00, 0.00, 0.67},
        /* session start    */ {0.15, 0.85, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00},
    };

    /** The behaviour the generator starts with. */
    public static BehaviourModel standard() {
        return new BehaviourModel(LOW, HIGH);
    }

    /**
     * Concept drift: browsers now fill carts and start checkouts too, then abandon them (never
     * buying), while buyers arrive by search and go straight to checkout. Carts and checkouts stop
     * telling buyers apart; how a session starts and what follows a checkout start to.
     */
    public static BehaviourModel drifted() {
        return new BehaviourModel(LOW_DRIFTED, HIGH_DRIFTED);
    }

    public Transitions transitions(double intent, Context context) {
        int row = context.last() == null ? START : context.last().ordinal();
        double[] p = new double[TYPES + 1];
        double sum = 0;
        for (int to = 0; to <= TYPES; to++) {
            p[to] = allowed(to, context) ? (1 - intent) * low[row][to] + intent * high[row][to] : 0;
            sum += p[to];
        }
        for (int to = 0; to <= TYPES; to++) {
            p[to] /= sum;
        }
        return new Transitions(p);
    }

    private static boolean allowed(int to, Context context) {
        if (to == LEAVE) {
            return context.last() != null; // a session has at least one event
        }
        return switch (EventType.ofOrdinal(to)) {
            case VIEW, SEARCH -> true;
            case ADD_TO_CART -> context.canAddToCart();
            case WISHLIST -> context.itemInView();
            case REMOVE_FROM_CART, CHECKOUT_START -> !context.cartEmpty();
            case PURCHASE -> context.last() == EventType.CHECKOUT_START && !context.cartEmpty();
        };
    }
}
