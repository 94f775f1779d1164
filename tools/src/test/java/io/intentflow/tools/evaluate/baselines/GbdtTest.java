package io.intentflow.tools.evaluate.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.model.training.Auc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GbdtTest {

    @Test
    void trainsOnAnInteractionNoLineCanSeparateAndScoresHeldOutData() {
        // y = x0 and x1 on the same side of 0 (XOR's complement), 10% of labels flipped.
        Random random = new Random(7);
        List<double[]> train = new ArrayList<>();
        boolean[] trainLabels = new boolean[4000];
        for (int i = 0; i < trainLabels.length; i++) {
            double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            train.add(x);
            trainLabels[i] = (x[0] > 0) == (x[1] > 0) ^ random.nextDouble() < 0.1;
        }
        List<double[]> test = new ArrayList<>();
        boolean[] testLabels = new boolean[1000];
        for (int i = 0; i < testLabels.length; i++) {
            double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            test.add(x);
            testLabels[i] = (x[0] > 0) == (x[1] > 0);
        }
        try (Gbdt gbdt = Gbdt.train(train, trainLabels, Gbdt.Settings.defaults())) {
            double[] scores = gbdt.score(test);
            assertThat(scores).hasSize(1000);
            assertThat(Arrays.stream(scores).allMatch(p -> p >= 0 && p <= 1)).isTrue();
            assertThat(Auc.of(scores, testLabels)).isGreaterThan(0.95);
            assertThat(gbdt.score(test)).as("deterministic").containsExactly(scores);
        }
    }
}
