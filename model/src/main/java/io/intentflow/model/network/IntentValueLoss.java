package io.intentflow.model.network;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The loss of the network's two outputs, summed per event: binary cross-entropy of the intent
 * output (a logit, the sigmoid taken here) against "the session buys", and half the squared
 * error of the value output against log(1 + order value), counted only where the order value is
 * known (a purchasing session with an amount; the label is {@link #UNKNOWN_VALUE} elsewhere), and
 * weighted by {@link #VALUE_WEIGHT}.
 *
 * <p>The intent label carries the example's weight: 0 for a negative (weight 1), w &gt; 0 for a
 * positive of weight w, which scales both terms. Not the label mask: DL4J multiplies the mask into
 * the output layer's pre-activations too, so a weight there would scale a positive's logit in
 * training and not in scoring. The mask only marks padding (0).
 *
 * <p>Its own loss rather than DL4J's: one output layer carries both heads so the LSTM learns from
 * both, and DL4J's losses apply one activation and one loss to all outputs. The output layer's
 * activation must be the identity.
 */
public final class IntentValueLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    /** The value label of an event whose session's order value is not known. */
    public static final float UNKNOWN_VALUE = -1f;

    /**
     * The value loss's share in what the LSTM learns (the head's own weights learn at Adam's pace
     * whatever it is). Measured on ValueHeadTest's priced sessions: at 0.1 the value head barely
     * beat the mean order value (MAE 81 vs 96), at 0.5 it cut it to 39, and the intent tests
     * (SequenceTrainerTest, FineTunerTest) pass as before.
     */
    static final double VALUE_WEIGHT = 0.5;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        double score = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? score / preOutput.size(0) : score;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return Nd4j.createFromArray(pass(labels, preOutput, activationFn, mask).scores).reshape(preOutput.size(0), 1).castTo(preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return Nd4j.create(pass(labels, preOutput, activationFn, mask).gradient, preOutput.shape(), 'c').castTo(preOutput.dataType());
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(
            INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        Pass pass = pass(labels, preOutput, activationFn, mask);
        double score = 0;
        for (float s : pass.scores) {
            score += s;
        }
        INDArray gradient = Nd4j.create(pass.gradient, preOutput.shape(), 'c').castTo(preOutput.dataType());
        return new Pair<>(average ? score / preOutput.size(0) : score, gradient);
    }

    @Override
    public String name() {
        return "IntentValueLoss";
    }

    @Override
    public String toString() {
        return name() + "(valueWeight=" + VALUE_WEIGHT + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IntentValueLoss;
    }

    @Override
    public int hashCode() {
        return IntentValueLoss.class.hashCode();
    }

    /** Per-row losses and the gradient by the pre-activations, rows of (intent logit, log value). */
    private record Pass(float[] scores, float[] gradient) {}

    private static Pass pass(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        if (!(activationFn instanceof ActivationIdentity)) {
            throw new IllegalStateException("IntentValueLoss takes the identity activation, not " + activationFn);
        }
        int rows = (int) preOutput.size(0);
        if (preOutput.size(1) != 2 || labels.size(1) != 2) {
            throw new IllegalArgumentException("IntentValueLoss takes two outputs, got " + preOutput.size(1));
        }
        float[] out = preOutput.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] label = labels.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] weight = mask == null ? null : mask.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] scores = new float[rows];
        float[] gradient = new float[2 * rows];
        for (int r = 0; r < rows; r++) {
            double w = weight == null ? 1 : weight[r];
            if (w == 0) {
                continue;
            }
            double z = out[2 * r];
            double y = label[2 * r] > 0 ? 1 : 0;
            w *= label[2 * r] > 0 ? label[2 * r] : 1;
            // Cross-entropy from the logit, in the form that never takes the log of 0.
            double loss = Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
            gradient[2 * r] = (float) (w * (sigmoid(z) - y));
            double target = label[2 * r + 1];
            if (target != UNKNOWN_VALUE) {
                double error = out[2 * r + 1] - target;
                loss += VALUE_WEIGHT * 0.5 * error * error;
                gradient[2 * r + 1] = (float) (w * VALUE_WEIGHT * error);
            }
            scores[r] = (float) (w * loss);
        }
        return new Pass(scores, gradient);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
