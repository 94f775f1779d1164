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
 * Fits the network on labelled session prefixes, full sequences: the intent head learns each
 * example's label at the steps its {@link Supervision} says the label holds for and, where the
 * purchase's amount is known, the value head its log(1 + amount) there ({@link
 * IntentValueLoss#UNKNOWN_VALUE} elsewhere). Rare positives are weighted up through their intent
 * label, which carries the weight ({@link IntentValueLoss}): the label mask only marks the steps
 * that learn, as DL4J also multiplies it into the output layer's pre-activations, where a weight
 * would double a positive's logit in training and not in scoring.
 */
public final class SequenceTrainer {

    /** Which events of an example its label is true after. */
    public enum Supervision {
        /**
         * Every event: the label is the session's outcome ("will this session buy"), as for the
         * simulator's whole sessions ({@link LabelledSession#of}).
         */
        EVERY_EVENT,
        /**
         * The last event only: the label says whether a purchase followed the prefix's end within
         * the label horizon, as the label joiner's examples do. An earlier event's own label can
         * differ (a purchase 20 minutes after the prefix's end may be 40 after its first event);
         * it is an example of its own when the joiner samples it. Every event learning these
         * labels cost the online model 0.03-0.04 AUC on the Taobao sample (docs/evaluation.md).
         */
        LAST_EVENT
    }

    private final IntentNetwork network;
    private final int batchSize;
    private final Supervision supervision;

    public SequenceTrainer(IntentNetwork network, int batchSize, Supervision supervision) {
        this.network = network;
        this.batchSize = batchSize;
        this.supervision = supervision;
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
            DataSet batch = dataSet(sorted.subList(from, Math.min(sorted.size(), from + batchSize)), positiveWeight, supervision);
            loss += network.fit(batch);
            batches++;
            afterEachBatch.run();
        }
        return batches == 0 ? Double.NaN : loss / batches;
    }

    static DataSet dataSet(List<LabelledSession> examples, double positiveWeight, Supervision supervision) {
        int batch = examples.size();
        int features = examples.get(0).features()[0].length;
        int length = examples.stream().mapToInt(e -> e.features().length).max().orElseThrow();
        float[] x = new float[batch * features * length];
        float[] y = new float[batch * 2 * length];
        float[] mask = new float[batch * length];
        float[] learns = new float[batch * length];
        for (int b = 0; b < batch; b++) {
            LabelledSession example = examples.get(b);
            for (int t = 0; t < example.features().length; t++) {
                for (int f = 0; f < features; f++) {
                    x[(b * features + f) * length + t] = example.features()[t][f];
                }
                y[(b * 2) * length + t] = example.purchased() ? (float) positiveWeight : 0f;
                y[(b * 2 + 1) * length + t] = example.hasOrderValue() ? (float) Math.log1p(example.orderValue()) : IntentValueLoss.UNKNOWN_VALUE;
                mask[b * length + t] = 1f;
                learns[b * length + t] = supervision == Supervision.EVERY_EVENT || t == example.features().length - 1 ? 1f : 0f;
            }
        }
        return new DataSet(
                Nd4j.create(x, new long[] {batch, features, length}, 'c'),
                Nd4j.create(y, new long[] {batch, 2, length}, 'c'),
                Nd4j.create(mask, new long[] {batch, length}, 'c'),
                Nd4j.create(learns, new long[] {batch, length}, 'c'));
    }
}
