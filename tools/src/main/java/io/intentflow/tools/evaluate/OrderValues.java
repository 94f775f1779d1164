package io.intentflow.tools.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order-value baseline the value head is measured against: what a shop knows without a
 * model, the mean of the user's earlier orders, or, for a user without one, the mean of every
 * earlier order in the shop. Earlier: strictly before the prediction's event time, so the
 * baseline is prequential too. Purchases without a known amount do not count.
 */
public final class OrderValues {

    private record Order(long ts, double amount) {}

    private final Map<String, List<Order>> byUser = new HashMap<>();
    private final List<Order> all = new ArrayList<>();
    private long[] times;
    private double[] runningSums;

    /** A purchase at {@code ts} of {@code amount}; 0 or NaN (not known) is skipped. */
    public void add(String userId, long ts, double amount) {
        if (amount > 0) {
            Order order = new Order(ts, amount);
            byUser.computeIfAbsent(userId, u -> new ArrayList<>()).add(order);
            all.add(order);
            times = null;
        }
    }

    /** The baseline for a prediction about {@code userId}'s session at {@code ts}; NaN before the shop's first known order. */
    public double baseline(String userId, long ts) {
        double sum = 0;
        int count = 0;
        for (Order order : byUser.getOrDefault(userId, List.of())) {
            if (order.ts() < ts) {
                sum += order.amount();
                count++;
            }
        }
        return count > 0 ? sum / count : shopMean(ts);
    }

    private double shopMean(long ts) {
        if (times == null) {
            index();
        }
        int before = Arrays.binarySearch(times, ts);
        // Orders strictly before ts: a hit's index is the first of equal times only by luck, so walk back.
        int count = before >= 0 ? before : -before - 1;
        while (count > 0 && times[count - 1] >= ts) {
            count--;
        }
        return count == 0 ? Double.NaN : runningSums[count - 1] / count;
    }

    private void index() {
        all.sort(Comparator.comparingLong(Order::ts));
        times = new long[all.size()];
        runningSums = new double[all.size()];
        double sum = 0;
        for (int i = 0; i < all.size(); i++) {
            times[i] = all.get(i).ts();
            sum += all.get(i).amount();
            runningSums[i] = sum;
        }
    }
}
