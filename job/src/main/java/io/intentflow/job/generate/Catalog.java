package io.intentflow.job.generate;

import java.util.SplittableRandom;

/** Categories of items with log-normal prices, fixed by the seed. */
final class Catalog {

    static final int CATEGORIES = 40;
    static final int ITEMS_PER_CATEGORY = 50;

    private static final String[] QUERIES = {
        "running shoes", "red dress", "usb c cable", "coffee grinder", "wireless earbuds", "kids lego",
        "yoga mat", "phone case", "winter jacket", "desk lamp", "gift for dad", "sale", "laptop stand"
    };

    private final double[] prices = new double[CATEGORIES * ITEMS_PER_CATEGORY];

    Catalog(SplittableRandom random) {
        for (int category = 0; category < CATEGORIES; category++) {
            double base = Math.exp(3.0 + 1.0 * random.nextGaussian());
            for (int item = 0; item < ITEMS_PER_CATEGORY; item++) {
                double price = base * Math.exp(0.3 * random.nextGaussian());
                prices[category * ITEMS_PER_CATEGORY + item] = Math.round(price * 100) / 100.0;
            }
        }
    }

    static int categoryOf(int item) {
        return item / ITEMS_PER_CATEGORY;
    }

    static int itemIn(int category, SplittableRandom random) {
        return category * ITEMS_PER_CATEGORY + random.nextInt(ITEMS_PER_CATEGORY);
    }

    double price(int item) {
        return prices[item];
    }

    static String query(SplittableRandom random) {
        return QUERIES[random.nextInt(QUERIES.length)];
    }
}
