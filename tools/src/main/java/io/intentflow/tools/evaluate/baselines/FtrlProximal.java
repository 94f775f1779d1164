package io.intentflow.tools.evaluate.baselines;

/**
 * Logistic regression learned online with FTRL-Proximal, per coordinate (McMahan et al., "Ad
 * Click Prediction: a View from the Trenches", KDD 2013, Algorithm 1): the method of Flink ML's
 * {@code OnlineLogisticRegression} and Alink's {@code FtrlTrainStreamOp}. A bias coordinate is
 * added to the features. It learns one labelled example at a time, in the order they are given.
 */
public final class FtrlProximal {

    /**
     * @param alpha and {@code beta} set the per-coordinate learning rate alpha / (beta + sqrt(sum of squared gradients))
     * @param l1 L1 regularization (weights with |z| at most l1 stay 0)
     * @param l2 L2 regularization
     */
    public record Settings(double alpha, double beta, double l1, double l2) {

        /** Alink's defaults for its FTRL. */
        public static Settings defaults() {
            return new Settings(0.1, 1.0, 0.0, 0.0);
        }
    }

    private final Settings settings;
    private final double[] z;
    private final double[] n;

    public FtrlProximal(int features, Settings settings) {
        this.settings = settings;
        this.z = new double[features + 1];
        this.n = new double[features + 1];
    }

    /** P(positive | x) under the current weights. */
    public double predict(double[] x) {
        return sigmoid(margin(x, weights()));
    }

    public void learn(double[] x, boolean label) {
        double[] w = weights();
        double gradientScale = sigmoid(margin(x, w)) - (label ? 1 : 0);
        for (int i = 0; i < z.length; i++) {
            double g = gradientScale * input(x, i);
            double sigma = (Math.sqrt(n[i] + g * g) - Math.sqrt(n[i])) / settings.alpha();
            z[i] += g - sigma * w[i];
            n[i] += g * g;
        }
    }

    /** The weights, bias last: what the lazy z and n stand for. */
    double[] weights() {
        double[] w = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            if (Math.abs(z[i]) > settings.l1()) {
                w[i] = -(z[i] - Math.signum(z[i]) * settings.l1())
                        / ((settings.beta() + Math.sqrt(n[i])) / settings.alpha() + settings.l2());
            }
        }
        return w;
    }

    private static double margin(double[] x, double[] w) {
        double m = 0;
        for (int i = 0; i < w.length; i++) {
            m += w[i] * input(x, i);
        }
        return m;
    }

    private static double input(double[] x, int i) {
        return i < x.length ? x[i] : 1;
    }

    private static double sigmoid(double m) {
        return 1 / (1 + Math.exp(-m));
    }
}
