package io.intentflow.tools.generate;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/** The shoppers, queued by the time of their next action (ties by id, for determinism). */
final class UserPopulation {

    /** The share of users who came to buy; the rest browse. */
    private static final double BUYER_SHARE = 0.2;

    private final Map<String, SimulatedUser> byId = new HashMap<>();
    private final PriorityQueue<SimulatedUser> agenda =
            new PriorityQueue<>(Comparator.comparingLong(SimulatedUser::nextEventAt).thenComparing(SimulatedUser::id));

    UserPopulation(int size, long start, SplittableRandom random) {
        for (int i = 0; i < size; i++) {
            SimulatedUser user = new SimulatedUser(String.format("u%05d", i), intent(random), random, start);
            byId.put(user.id(), user);
            agenda.add(user);
        }
    }

    /**
     * Skewed low, like real traffic: browsers are Beta(1, 4) (mean 0.2), buyers Beta(4, 1)
     * (mean 0.8), both drawn by inversion.
     */
    private static double intent(SplittableRandom random) {
        boolean buyer = random.nextDouble() < BUYER_SHARE;
        double u = random.nextDouble();
        return buyer ? Math.pow(u, 1 / 4.0) : 1 - Math.pow(u, 1 / 4.0);
    }

    long nextEventAt() {
        return agenda.peek().nextEventAt();
    }

    /** Takes the user who acts next; {@link #reschedule} puts them back once they have acted. */
    SimulatedUser poll() {
        return agenda.poll();
    }

    void reschedule(SimulatedUser user) {
        agenda.add(user);
    }

    double intentOf(String userId) {
        SimulatedUser user = byId.get(userId);
        if (user == null) {
            throw new IllegalArgumentException("no simulated user " + userId);
        }
        return user.intent();
    }
}
