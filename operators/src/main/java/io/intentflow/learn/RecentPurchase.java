package io.intentflow.learn;

/**
 * A purchase the label joiner keeps for prefixes that may still arrive before it.
 *
 * @param ts the purchase's event time
 * @param amount what it was worth (the order's amount or the purchase click's price); 0 or NaN
 *     where not known
 */
public record RecentPurchase(long ts, double amount) {}
