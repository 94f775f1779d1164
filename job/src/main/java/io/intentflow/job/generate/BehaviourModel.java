package io.intentflow.job.generate;

import io.intentflow.model.EventType;
import java.util.SplittableRandom;

/**
 * How a user's hidden intent turns into behaviour: which event comes next in a session, and when
 * the session ends. High intent means more carts, checkouts and purchases; low intent means
 * browsing, searching and leaving early. A later change of this model is how drift is simulated.
 */
public class BehaviourModel {

    /** What the next step of a session is. */
    public record Step(EventType type, boolean endsSession) {}

    /**
     * @param cartItems items currently in the cart
     * @param viewedItem whether the session has looked at an item yet
     */
    public Step next(SplittableRandom random, double intent, EventType last, int cartItems, boolean viewedItem) {
        if (last == EventType.CHECKOUT_START) {
            if (random.nextDouble() < 0.10 + 0.85 * intent) {
                return new Step(EventType.PURCHASE, random.nextDouble() < 0.75);
            }
            return new Step(EventType.VIEW, random.nextDouble() < 0.5);
        }
        double view = 1.0;
        double search = 0.35;
        double cart = viewedItem ? 0.03 + 0.45 * intent : 0;
        double wishlist = viewedItem ? 0.04 + 0.10 * intent : 0;
        double remove = cartItems > 0 ? 0.12 * (1 - intent) : 0;
        double checkout = cartItems > 0 ? 0.02 + 0.40 * intent : 0;
        double pick = random.nextDouble() * (view + search + cart + wishlist + remove + checkout);
        EventType type;
        if ((pick -= view) < 0) {
            type = EventType.VIEW;
        } else if ((pick -= search) < 0) {
            type = EventType.SEARCH;
        } else if ((pick -= cart) < 0) {
            type = EventType.ADD_TO_CART;
        } else if ((pick -= wishlist) < 0) {
            type = EventType.WISHLIST;
        } else if ((pick -= remove) < 0) {
            type = EventType.REMOVE_FROM_CART;
        } else {
            type = EventType.CHECKOUT_START;
        }
        // Browsers leave sooner; a pending checkout keeps the session going.
        boolean ends = type != EventType.CHECKOUT_START && random.nextDouble() < 0.05 + 0.12 * (1 - intent);
        return new Step(type, ends);
    }
}
