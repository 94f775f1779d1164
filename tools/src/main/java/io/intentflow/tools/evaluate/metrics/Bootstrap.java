package io.intentflow.tools.evaluate.metrics;

import io.intentflow.model.training.Auc;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap intervals of the AUC, and of two methods' differences on the same events,
 * resampling users: each replicate draws as many users
 * as there are, with replacement, and counts every event of a user drawn k times k times.
 * Events of one user are correlated (one person's sessions, and a purchase labels every event
 * before it within the horizon), so resampling single events would understate the spread.
 *
 * <p>Seeded: the same events give the same interval, and methods measured on the same events
 * are measured on the same replicates.
 */
public record Bootstrap(int replicates, long seed) {

    public static final double LEVEL = 0.95;

    public Bootstrap {
        if (replicates < 1) {
            throw new IllegalArgumentException("a bootstrap needs at least one replicate: " + replicates);
        }
    }

    /**
     * @param users the user of each example of {@code auc}
     * @return the 2.5th and 97.5th percentiles of the replicates' AUCs; replicates that drew one
     *     class only are left out, and the interval is undefined when every one did
     */
    public Interval auc(Auc auc, String[] users) {
        return interval(weights -> auc.weighted(weights[0]), users);
    }

    /**
     * The interval of one method's statistic minus another's, both computed on each replicate's
     * users: a paired comparison. Each statistic takes a weight per example of its method.
     *
     * @param usersA the user of each example of the first method, {@code usersB} of the second
     */
    public Interval difference(ToDoubleFunction<double[]> a, String[] usersA, ToDoubleFunction<double[]> b, String[] usersB) {
        return interval(weights -> a.applyAsDouble(weights[0]) - b.applyAsDouble(weights[1]), usersA, usersB);
    }

    /**
     * Percentile interval of {@code statistic} over the replicates, given for each list of users
     * the weight of each of its examples (how often its user was drawn). Replicates where it is
     * NaN are left out.
     */
    private Interval interval(ToDoubleFunction<double[][]> statistic, String[]... users) {
        Map<String, Integer> ids = new HashMap<>();
        int[][] userOf = new int[users.length][];
        for (int m = 0; m < users.length; m++) {
            userOf[m] = new int[users[m].length];
            for (int i = 0; i < users[m].length; i++) {
                userOf[m][i] = ids.computeIfAbsent(users[m][i], u -> ids.size());
            }
        }
        int userCount = ids.size();
        Random random = new Random(seed);
        int[] draws = new int[userCount];
        double[][] weights = new double[users.length][];
        for (int m = 0; m < users.length; m++) {
            weights[m] = new double[users[m].length];
        }
        double[] values = new double[replicates];
        int defined = 0;
        for (int r = 0; r < replicates; r++) {
            Arrays.fill(draws, 0);
            for (int k = 0; k < userCount; k++) {
                draws[random.nextInt(userCount)]++;
            }
            for (int m = 0; m < users.length; m++) {
                for (int i = 0; i < weights[m].length; i++) {
                    weights[m][i] = draws[userOf[m][i]];
                }
            }
            double value = statistic.applyAsDouble(weights);
            if (!Double.isNaN(value)) {
                values[defined++] = value;
            }
        }
        if (defined == 0) {
            return Interval.UNDEFINED;
        }
        double[] sorted = Arrays.copyOf(values, defined);
        Arrays.sort(sorted);
        double tail = (1 - LEVEL) / 2;
        return new Interval(percentile(sorted, tail), percentile(sorted, 1 - tail));
    }

    /** Linear interpolation between the closest ranks (numpy's default). */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
