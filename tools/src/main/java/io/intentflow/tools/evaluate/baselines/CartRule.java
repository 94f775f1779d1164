package io.intentflow.tools.evaluate.baselines;

import io.intentflow.model.EventType;
import io.intentflow.records.SessionSnapshot;

/**
 * The heuristic baseline: what a shop's rules would say without a model, one fixed score per
 * state of the cart, placed in the job's bands at their defaults. A checkout started in the
 * session: 0.8 (high); items in the cart (more adds than removals): 0.4 (medium); otherwise
 * 0.05 (low).
 */
public final class CartRule {

    private CartRule() {}

    public static double score(SessionSnapshot s) {
        if (s.count(EventType.CHECKOUT_START) > 0) {
            return 0.8;
        }
        if (s.count(EventType.ADD_TO_CART) > s.count(EventType.REMOVE_FROM_CART)) {
            return 0.4;
        }
        return 0.05;
    }
}
