package io.intentflow.tools.generate;

import java.util.SplittableRandom;

/**
 * The shop's items: {@value #CATEGORIES} categories of {@value #ITEMS_PER_CATEGORY} items, item
 * {@code n} in category {@code n / 50}. Prices are log-normal per category, fixed by the seed.
 */
final class Catalog {

    static final int CATEGORIES = 40;
    static final int ITEMS_PER_CATEGORY = 50;

    private static final String[] NAMES = {
        "running shoes", "dresses", "usb cables", "coffee grinders", "earbuds", "lego", "yoga mats",
        "phone cases", "winter jackets", "desk lamps", "board games", "laptop stands", "backpacks",
        "sunglasses", "watches", "kettles", "blenders", "towels", "bed sheets", "pillows", "candles",
        "plant pots", "garden hoses", "drills", "screwdrivers", "paint", "dog food", "cat toys",
        "baby bottles", "strollers", "novels", "cookbooks", "headphones", "monitors", "keyboards",
        "mice", "jeans", "t-shirts", "socks", "perfume"
    };
    private static final String[] MODIFIERS = {"", "", "", "cheap ", "best ", "red ", "kids ", "sale ", "new "};

    private final double[] prices = new double[CATEGORIES * ITEMS_PER_CATEGORY];

    Catalog(SplittableRandom random) {
        for (int category = 0; category < CATEGORIES; category++) {
            // Categories differ a lot (socks vs monitors), items within one less.
            double median = Math.exp(3.2 + 0.9 * random.nextGaussian());
            for (int item = 0; item < ITEMS_PER_CATEGORY; item++) {
                double price = Math.max(0.5, median * Math.exp(0.35 * random.nextGaussian()));
                prices[category * ITEMS_PER_CATEGORY + item] = cents(price);
            }
        }
    }

    static int categoryOf(int item) {
        return item / ITEMS_PER_CATEGORY;
    }

    /** An item's id on the wire. */
    static String itemId(int item) {
        return "i" + item;
    }

    /** A few best sellers draw most views: low item numbers are the popular ones. */
    static int itemIn(int category, SplittableRandom random) {
        double u = random.nextDouble();
        return category * ITEMS_PER_CATEGORY + (int) (ITEMS_PER_CATEGORY * u * u);
    }

    static String query(int category, SplittableRandom random) {
        return MODIFIERS[random.nextInt(MODIFIERS.length)] + NAMES[category];
    }

    double price(int item) {
        return prices[item];
    }

    static double cents(double amount) {
        return Math.round(amount * 100) / 100.0;
    }
}
