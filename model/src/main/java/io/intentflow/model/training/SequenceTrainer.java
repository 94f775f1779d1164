package io.intentflow.model.training;

import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.IntentValueLoss;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fits the network on labelled session prefixes, full sequences, every step of a prefix
 * labelled with its session's outcome (the intent head predicts "will this session buy" after
 * each event) and, where the purchase's amount is known, its log(1 + amount) (the value head's
 * target; {@link IntentValueLoss#UNKNOWN_VALUE} elsewhere). Rare positives are weighted up
 * through their intent label, which carries the weight ({@link IntentValueLoss}): the label mask
 * only marks the padding, as DL4J also multiplies it into the output layer's pre-activations,
 * where a weight would double a positive's logit in training and not in scoring.
 */
public final class SequenceTrainer {

    private final IntentNetwork network;
    private final int batchSize;

    public SequenceTrainer(IntentNetwork network, int batchSize) {
        this.network = network;
        this.batchSize = batchSize;
    }

    /** One pass over {@code examples}; returns the mean loss of its mini-batches before each update. */
    public double fitEpoch(List<LabelledSession> examples, double positiveWeight) {
        return fitEpoch(examples, positiveWeight, () -> {});
    }

    /**
     * As {@link #fitEpoch(List, double)}, running {@code afterEachBatch} after every mini-batch. The
     * first examples with order values start an untrained value head at their mean log value.
     */
    public double fitEpoch(List<LabelledSession> examples, double positiveWeight, Runnable afterEachBatch) {
        examples.stream().filter(LabelledSession::hasOrderValue).mapToDouble(e -> Math.log1p(e.orderValue())).average()
                .ifPresent(network::startValueHead);
        List<LabelledSession> sorted = new ArrayList<>(examples);
        // Similar lengths in a batch waste little padding.
        sorted.sort(Comparator.comparingInt(e -> e.features().length));
        double loss = 0;
        int batches = 0;
        for (int from = 0; from < sorted.size(); from += batchSize) {
            DataSet batch = dataSet(sorted.subList(from, Math.min(sorted.size(), from + batchSize)), positiveWeight);
            loss += network.fit(batch);
            batches++;
            afterEachBatch.run();
        }
        return batches == 0 ? Double.NaN : loss / batches;
    }

    static DataSet dataSet(List<LabelledSession> examples, double positiveWeight) {
        int batch = examples.size();
        int features = examples.get(0).features()[0].length;
        int length = examples.stream().mapToInt(e -> e.features().length).max().orElseThrow();
        float[] x = new float[batch * features * length];
        float[] y = new float[batch * 2 * length];
        float[] mask = new float[batch * length];
        for (int b = 0; b < batch; b++) {
            LabelledSession example = examples.get(b);
            for (int t = 0; t < example.features().length; t++) {
                for (int f = 0; f < features; f++) {
                    x[(b * features + f) * length + t] = example.features()[t][f];
                }
                y[(b * 2) * length + t] = example.purchased() ? (float) positiveWeight : 0f;
                y[(b * 2 + 1) * length + t] = example.hasOrderValue() ? (float) Math.log1p(example.orderValue()) : IntentValueLoss.UNKNOWN_VALUE;
                mask[b * length + t] = 1f;
            }
        }
        INDArray steps = Nd4j.create(mask, new long[] {batch, length}, 'c');
        return new DataSet(
                Nd4j.create(x, new long[] {batch, features, length}, 'c'),
                Nd4j.create(y, new long[] {batch, 2, length}, 'c'),
                steps,
                steps);
    }
}
