package io.intentflow.tools.evaluate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.training.Auc;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static final Bootstrap BOOTSTRAP = new Bootstrap(1000, 2021);

    @Test
    void aPerfectRankingStaysPerfectInEveryReplicate() {
        double[] scores = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
        boolean[] labels = {false, false, false, true, true, true};
        String[] users = {"a", "b", "c", "d", "e", "f"};
        assertThat(BOOTSTRAP.auc(new Auc(scores, labels), users)).isEqualTo(new Interval(1, 1));
        double[] tied = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        assertThat(BOOTSTRAP.auc(new Auc(tied, labels), users)).isEqualTo(new Interval(0.5, 0.5));
    }

    @Test
    void aFixedSeedGivesAFixedIntervalAroundThePointEstimate() {
        Sample sample = Sample.of(400, 3, 7);
        Auc auc = new Auc(sample.scores, sample.labels);
        Interval interval = BOOTSTRAP.auc(auc, sample.users);
        assertThat(BOOTSTRAP.auc(new Auc(sample.scores, sample.labels), sample.users)).isEqualTo(interval);
        assertThat(auc.value()).isBetween(interval.low(), interval.high());
        assertThat(interval.high() - interval.low()).isBetween(0.02, 0.2);
        // Pinned: java.util.Random's sequence is specified, so this holds on every JVM.
        assertThat(interval.low()).isCloseTo(0.70799, within(5e-5));
        assertThat(interval.high()).isCloseTo(0.77181, within(5e-5));
        assertThat(new Bootstrap(1000, 2022).auc(auc, sample.users)).isNotEqualTo(interval);
    }

    @Test
    void resamplesUsersNotEvents() {
        // Every event of every user repeated: the same users, so the same replicates and the same
        // interval; resampling events would have narrowed it.
        Sample once = Sample.of(200, 2, 11);
        Sample twice = once.repeated();
        Interval fromOnce = BOOTSTRAP.auc(new Auc(once.scores, once.labels), once.users);
        Interval fromTwice = BOOTSTRAP.auc(new Auc(twice.scores, twice.labels), twice.users);
        assertThat(fromTwice.low()).isCloseTo(fromOnce.low(), within(1e-12));
        assertThat(fromTwice.high()).isCloseTo(fromOnce.high(), within(1e-12));
    }

    @Test
    void aPairedDifferenceCancelsWhatTheTwoMethodsShare() {
        // The second method ranks as the first with a little noise: each one's AUC moves with the
        // users drawn, their difference much less.
        Sample first = Sample.of(400, 3, 7);
        Random noise = new Random(5);
        double[] second = new double[first.scores.length];
        for (int i = 0; i < second.length; i++) {
            second[i] = first.scores[i] + 0.3 * noise.nextGaussian();
        }
        Auc a = new Auc(first.scores, first.labels);
        Auc b = new Auc(second, first.labels);

        Interval difference = BOOTSTRAP.difference(a::weighted, first.users, b::weighted, first.users);

        Interval own = BOOTSTRAP.auc(a, first.users);
        assertThat(a.value() - b.value()).isBetween(difference.low(), difference.high());
        assertThat(difference.high() - difference.low()).isLessThan((own.high() - own.low()) / 2);
        assertThat(BOOTSTRAP.difference(a::weighted, first.users, a::weighted, first.users)).isEqualTo(new Interval(0, 0));
    }

    @Test
    void percentilesInterpolateBetweenRanks() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(Bootstrap.percentile(sorted, 0.5)).isEqualTo(3);
        assertThat(Bootstrap.percentile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
        assertThat(Bootstrap.percentile(sorted, 0.975)).isCloseTo(4.9, within(1e-12));
    }

    /** Users with a few events each, scores that rank positives higher on the whole. */
    private record Sample(double[] scores, boolean[] labels, String[] users) {

        static Sample of(int userCount, int eventsPerUser, long seed) {
            Random random = new Random(seed);
            int n = userCount * eventsPerUser;
            double[] scores = new double[n];
            boolean[] labels = new boolean[n];
            String[] users = new String[n];
            for (int u = 0; u < userCount; u++) {
                boolean buyer = random.nextDouble() < 0.3;
                for (int k = 0; k < eventsPerUser; k++) {
                    int i = u * eventsPerUser + k;
                    labels[i] = buyer && random.nextDouble() < 0.8;
                    scores[i] = random.nextGaussian() + (labels[i] ? 0.9 : 0);
                    users[i] = "u" + u;
                }
            }
            return new Sample(scores, labels, users);
        }

        Sample repeated() {
            int n = scores.length;
            double[] s = new double[2 * n];
            boolean[] l = new boolean[2 * n];
            String[] u = new String[2 * n];
            for (int i = 0; i < 2 * n; i++) {
                s[i] = scores[i % n];
                l[i] = labels[i % n];
                u[i] = users[i % n];
            }
            return new Sample(s, l, u);
        }
    }
}
