package io.intentflow.job.generate;

import io.intentflow.model.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** One shopper: a hidden intent, favourite categories, a cart, and when they act next. */
final class SimulatedUser {

    private static final long MIN_IDLE_MS = 35 * 60_000L;
    private static final double MEAN_IDLE_MS = 3 * 3_600_000.0;

    final String id;
    final double intent;
    private final int[] favourites;
    private final List<Integer> cart = new ArrayList<>();
    private final List<Integer> recent = new ArrayList<>();
    long nextEventAt;
    private EventType last;
    private int currentItem = -1;

    SimulatedUser(String id, SplittableRandom random, long start) {
        this.id = id;
        double r = random.nextDouble();
        // Most users browse; about one in ten came to buy.
        this.intent = Math.min(1.0, Math.pow(r, 2.5) + (random.nextDouble() < 0.1 ? 0.5 : 0.0));
        this.favourites = new int[] {
            random.nextInt(Catalog.CATEGORIES), random.nextInt(Catalog.CATEGORIES), random.nextInt(Catalog.CATEGORIES)
        };
        this.nextEventAt = start + (long) (random.nextDouble() * MEAN_IDLE_MS);
    }

    /** What the user did at {@link #nextEventAt}; also schedules the next action. */
    record Action(EventType type, int item, double price, String query, List<Integer> purchased) {}

    Action act(SplittableRandom random, BehaviourModel model, Catalog catalog) {
        BehaviourModel.Step step = model.next(random, intent, last, cart.size(), currentItem >= 0);
        Action action = perform(step.type(), random, catalog);
        last = step.type();
        if (step.endsSession()) {
            last = null;
            currentItem = -1;
            nextEventAt += MIN_IDLE_MS + (long) (-Math.log(1 - random.nextDouble()) * MEAN_IDLE_MS);
        } else {
            // Log-normal think time: mostly seconds, now and then minutes; mean about 25 s.
            nextEventAt += Math.min(600_000L, (long) (15_000 * Math.exp(random.nextGaussian())));
        }
        return action;
    }

    private Action perform(EventType type, SplittableRandom random, Catalog catalog) {
        return switch (type) {
            case VIEW -> {
                currentItem = pickItem(random);
                remember(currentItem);
                yield new Action(type, currentItem, catalog.price(currentItem), null, null);
            }
            case SEARCH -> new Action(type, -1, 0.0, Catalog.query(random), null);
            case ADD_TO_CART -> {
                cart.add(currentItem);
                yield new Action(type, currentItem, catalog.price(currentItem), null, null);
            }
            case WISHLIST -> new Action(type, currentItem, catalog.price(currentItem), null, null);
            case REMOVE_FROM_CART -> {
                int item = cart.remove(random.nextInt(cart.size()));
                yield new Action(type, item, catalog.price(item), null, null);
            }
            case CHECKOUT_START -> new Action(type, -1, cartValue(catalog), null, null);
            case PURCHASE -> {
                List<Integer> bought = List.copyOf(cart);
                double amount = cartValue(catalog);
                cart.clear();
                yield new Action(type, -1, amount, null, bought);
            }
        };
    }

    /** Buyers come back to items they looked at; everyone mostly stays in a few categories. */
    private int pickItem(SplittableRandom random) {
        if (!recent.isEmpty() && random.nextDouble() < 0.15 + 0.5 * intent) {
            return recent.get(random.nextInt(recent.size()));
        }
        int category = random.nextDouble() < 0.8 ? favourites[random.nextInt(favourites.length)] : random.nextInt(Catalog.CATEGORIES);
        return Catalog.itemIn(category, random);
    }

    private void remember(int item) {
        recent.add(item);
        if (recent.size() > 8) {
            recent.remove(0);
        }
    }

    private double cartValue(Catalog catalog) {
        return Math.round(cart.stream().mapToDouble(catalog::price).sum() * 100) / 100.0;
    }
}
