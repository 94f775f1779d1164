package io.intentflow.tools.evaluate.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.model.training.Auc;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FtrlProximalTest {

    @Test
    void learnsALinearlySeparableStreamPrequentially() {
        // y = 1 when 2 x0 - x1 + 0.5 > 0; each example is scored before it is learned.
        FtrlProximal ftrl = new FtrlProximal(2, FtrlProximal.Settings.defaults());
        Random random = new Random(3);
        int n = 5000;
        double[] lastScores = new double[1000];
        boolean[] lastLabels = new boolean[1000];
        int lastRight = 0;
        for (int i = 0; i < n; i++) {
            double[] x = {random.nextGaussian(), random.nextGaussian()};
            boolean y = 2 * x[0] - x[1] + 0.5 > 0;
            double p = ftrl.predict(x);
            if (i == 0) {
                assertThat(p).as("nothing learned yet").isEqualTo(0.5);
            }
            if (i >= n - lastScores.length) {
                lastScores[i - (n - lastScores.length)] = p;
                lastLabels[i - (n - lastScores.length)] = y;
                lastRight += (p >= 0.5) == y ? 1 : 0;
            }
            ftrl.learn(x, y);
        }
        assertThat(Auc.of(lastScores, lastLabels)).isGreaterThan(0.99);
        assertThat(lastRight).isGreaterThan(950);
        double[] w = ftrl.weights();
        assertThat(w[0]).isPositive();
        assertThat(w[1]).isNegative();
        assertThat(w[0] / -w[1]).as("the separating direction, 2 : -1").isBetween(1.5, 2.5);
        assertThat(w[2]).as("the bias").isPositive();
    }

    @Test
    void l1KeepsAnUninformativeFeatureAtZero() {
        FtrlProximal ftrl = new FtrlProximal(2, new FtrlProximal.Settings(0.1, 1.0, 5.0, 0.0));
        Random random = new Random(5);
        for (int i = 0; i < 3000; i++) {
            double[] x = {random.nextGaussian(), 0.01 * random.nextGaussian()};
            ftrl.learn(x, x[0] > 0);
        }
        assertThat(ftrl.weights()[0]).isPositive();
        assertThat(ftrl.weights()[1]).isZero();
    }
}
