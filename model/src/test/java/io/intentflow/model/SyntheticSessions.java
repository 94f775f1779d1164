package io.intentflow.model;

import io.intentflow.model.training.LabelledSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Sessions that buy exactly when they put something in the cart: a signal a network can learn.
 * Without session keys, so the trainer holds out every n-th, which the tests count on.
 */
final class SyntheticSessions {

    private SyntheticSessions() {}

    static List<LabelledSession> of(Random random, int count) {
        List<LabelledSession> out = new ArrayList<>();
        while (out.size() < count) {
            List<SessionEvent> events = new ArrayList<>();
            long ts = 1_714_550_400_000L;
            boolean carted = false;
            int length = 2 + random.nextInt(8);
            for (int i = 0; i < length; i++) {
                EventType type = random.nextDouble() < 0.15 ? EventType.ADD_TO_CART : EventType.VIEW;
                carted |= type == EventType.ADD_TO_CART;
                events.add(new SessionEvent("e" + i, type, ts += 20_000, "i" + random.nextInt(20), "c1", 20.0));
            }
            if (carted) {
                events.add(new SessionEvent("p", EventType.PURCHASE, ts + 1000, null, null, 20.0));
            }
            LabelledSession.of(events, 0).ifPresent(e -> out.add(new LabelledSession(e.features(), e.purchased(), e.orderValue(), 0)));
        }
        return out;
    }
}
