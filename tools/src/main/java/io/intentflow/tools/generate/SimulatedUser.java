package io.intentflow.tools.generate;

import io.intentflow.model.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One shopper: a hidden intent, a few favourite categories, recently seen items, a cart that
 * outlives sessions, and the time of the next action. Alternates sessions and idle gaps.
 */
final class SimulatedUser {

    /** Idle gaps stay well above a 30-minute session gap, so sessions never run together. */
    private static final long MIN_IDLE_MS = 40 * 60_000L;
    /** Mean idle gap: 40 min + 140 min = 3 h. */
    private static final double MEAN_EXTRA_IDLE_MS = 140 * 60_000.0;
    private static final double THINK_SIGMA = 1.1;
    /** Log-normal think time with a mean of 25 s: median 14 s, one in a few thousand over 10 min. */
    private static final double THINK_MU = Math.log(25_000) - THINK_SIGMA * THINK_SIGMA / 2;
    private static final long MAX_THINK_MS = 600_000L;
    private static final int CART_LIMIT = 8;
    private static final int RECENT_ITEMS = 12;

    /** What the user did: item -1 where the event has none, price null for a search. */
    record Action(EventType type, int item, Double price, String query, List<Integer> purchased) {

        /** The contract's item id; null where the event has none. */
        String itemId() {
            return item >= 0 ? Catalog.itemId(item) : null;
        }

        String categoryId() {
            return item >= 0 ? "c" + Catalog.categoryOf(item) : null;
        }

        List<String> purchasedItemIds() {
            return purchased.stream().map(Catalog::itemId).toList();
        }
    }

    private final String id;
    private final double intent;
    private final int[] favourites;
    private final List<Integer> cart = new ArrayList<>();
    private final List<Integer> recent = new ArrayList<>();
    private long nextEventAt;
    /** Null between sessions: the next action opens one. */
    private EventType last;
    private int itemInView = -1;
    private int categoryInView = -1;

    SimulatedUser(String id, double intent, SplittableRandom random, long start) {
        this.id = id;
        this.intent = intent;
        this.favourites = new int[2 + random.nextInt(3)];
        for (int i = 0; i < favourites.length; i++) {
            favourites[i] = random.nextInt(Catalog.CATEGORIES);
        }
        // Users are spread over the first idle gap, not all arriving at the start.
        this.nextEventAt = start + idleGap(random) - MIN_IDLE_MS;
    }

    String id() {
        return id;
    }

    double intent() {
        return intent;
    }

    long nextEventAt() {
        return nextEventAt;
    }

    /**
     * Acts at {@link #nextEventAt()} and schedules the next action: within the session after a
     * think time, or the next session after an idle gap. The event type is drawn now, whether to
     * stay was drawn with the previous action, so a swapped model takes effect at once.
     */
    Action act(SplittableRandom random, BehaviourModel model, Catalog catalog) {
        EventType type = model.transitions(intent, context()).nextIfStaying(random);
        Action action = perform(type, random, catalog);
        last = type;
        if (random.nextDouble() < model.transitions(intent, context()).leave()) {
            last = null;
            itemInView = -1;
            categoryInView = -1;
            nextEventAt += idleGap(random);
        } else {
            nextEventAt += Math.min(MAX_THINK_MS, 500 + (long) Math.exp(THINK_MU + THINK_SIGMA * random.nextGaussian()));
        }
        return action;
    }

    private BehaviourModel.Context context() {
        boolean canAdd = itemInView >= 0 && cart.size() < CART_LIMIT && !cart.contains(itemInView);
        return new BehaviourModel.Context(last, itemInView >= 0, canAdd, cart.isEmpty());
    }

    private Action perform(EventType type, SplittableRandom random, Catalog catalog) {
        return switch (type) {
            case VIEW -> {
                itemInView = pickItem(random);
                categoryInView = Catalog.categoryOf(itemInView);
                remember(itemInView);
                yield item(type, itemInView, catalog);
            }
            case SEARCH -> {
                categoryInView = pickCategory(random);
                itemInView = -1;
                yield new Action(type, -1, null, Catalog.query(categoryInView, random), null);
            }
            case ADD_TO_CART -> {
                cart.add(itemInView);
                yield item(type, itemInView, catalog);
            }
            case REMOVE_FROM_CART -> item(type, cart.remove(random.nextInt(cart.size())), catalog);
            case WISHLIST -> {
                remember(itemInView); // a wished-for item is one to come back to
                yield item(type, itemInView, catalog);
            }
            case CHECKOUT_START -> new Action(type, -1, cartValue(catalog), null, null);
            case PURCHASE -> {
                Action purchase = new Action(type, -1, cartValue(catalog), null, List.copyOf(cart));
                cart.clear();
                yield purchase;
            }
        };
    }

    /** Buyers come back to items they saw more than browsers do; everyone mostly stays on topic. */
    private int pickItem(SplittableRandom random) {
        if (!recent.isEmpty() && random.nextDouble() < 0.1 + 0.5 * intent) {
            return recent.get(random.nextInt(recent.size()));
        }
        int category = categoryInView >= 0 && random.nextDouble() < 0.75 ? categoryInView : pickCategory(random);
        return Catalog.itemIn(category, random);
    }

    private int pickCategory(SplittableRandom random) {
        return random.nextDouble() < 0.8 ? favourites[random.nextInt(favourites.length)] : random.nextInt(Catalog.CATEGORIES);
    }

    private void remember(int item) {
        recent.add(item);
        if (recent.size() > RECENT_ITEMS) {
            recent.remove(0);
        }
    }

    private static Action item(EventType type, int item, Catalog catalog) {
        return new Action(type, item, catalog.price(item), null, null);
    }

    private double cartValue(Catalog catalog) {
        return Catalog.cents(cart.stream().mapToDouble(catalog::price).sum());
    }

    private static long idleGap(SplittableRandom random) {
        return MIN_IDLE_MS + (long) (-Math.log(1 - random.nextDouble()) * MEAN_EXTRA_IDLE_MS);
    }
}
