package io.intentflow.tools.evaluate;

import io.intentflow.model.EventType;
import io.intentflow.records.Click;
import io.intentflow.records.SessionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A small deterministic shop for the evaluation's tests: each session has a hidden intent that
 * drives carts, checkouts and purchases; every session is folded by the job's own aggregate, and
 * the updates of all users come in event-time order, as the session window emits them.
 */
public record SimulatedShop(List<SessionSnapshot> updates, PurchaseLabels labels, TimeSplit split) {

    public static final Duration HORIZON = Duration.ofMinutes(30);
    private static final long T0 = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
    private static final long SPAN = Duration.ofDays(2).toMillis();

    public static SimulatedShop of(int users, long seed) {
        Random random = new Random(seed);
        PurchaseLabels labels = new PurchaseLabels(HORIZON);
        List<SessionSnapshot> updates = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String user = "u" + u;
            int sessions = 1 + random.nextInt(4);
            for (int s = 0; s < sessions; s++) {
                long start = T0 + (SPAN / sessions) * s + (long) (random.nextDouble() * SPAN / sessions / 2);
                List<Click> clicks = session(user, start, random);
                clicks.stream().filter(c -> c.type() == EventType.PURCHASE).forEach(c -> labels.add(user, c.ts(), c.price()));
                updates.addAll(SessionUpdates.of(clicks));
            }
        }
        updates.sort(Comparator.comparingLong(update -> update.trigger().ts()));
        long first = updates.get(0).trigger().ts();
        long last = updates.get(updates.size() - 1).trigger().ts();
        return new SimulatedShop(List.copyOf(updates), labels, TimeSplit.halves(first, last));
    }

    private static List<Click> session(String user, long start, Random random) {
        double intent = Math.pow(random.nextDouble(), 2);
        List<Click> clicks = new ArrayList<>();
        long ts = start;
        int cart = 0;
        boolean checkout = false;
        for (int i = 0; i < 40; i++) {
            ts += 5_000 + random.nextInt(120_000);
            int item = random.nextInt(200);
            double price = 5 + random.nextInt(95);
            double r = random.nextDouble();
            EventType type;
            if (checkout && r < 0.8 * intent) {
                type = EventType.PURCHASE;
            } else if (cart > 0 && r < 0.3 * intent) {
                type = EventType.CHECKOUT_START;
            } else if (r < 0.35 * intent + 0.03) {
                type = EventType.ADD_TO_CART;
            } else if (cart > 0 && r > 0.97) {
                type = EventType.REMOVE_FROM_CART;
            } else if (r > 0.9) {
                type = EventType.SEARCH;
            } else {
                type = EventType.VIEW;
            }
            boolean search = type == EventType.SEARCH;
            clicks.add(SessionUpdates.click(
                    user + "-" + ts, user, type, ts, search ? null : "i" + item, search ? null : "c" + item % 20, price));
            cart += type == EventType.ADD_TO_CART ? 1 : type == EventType.REMOVE_FROM_CART ? -1 : 0;
            checkout |= type == EventType.CHECKOUT_START;
            if (type == EventType.PURCHASE || random.nextDouble() < 0.15 - 0.1 * intent) {
                break;
            }
        }
        return clicks;
    }
}
