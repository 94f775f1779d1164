package io.intentflow.tools.evaluate.baselines;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees (XGBoost4J, {@code binary:logistic}) trained offline on labelled
 * feature vectors. Close it to free the native model.
 */
public final class Gbdt implements AutoCloseable {

    /**
     * XGBoost's parameters of the same names ({@code threads} is {@code nthread}). Positives are
     * not weighted up: the report measures log-loss and calibration, and weighting would skew the
     * scores away from probabilities.
     */
    public record Settings(int rounds, int maxDepth, double eta, double minChildWeight, double subsample, long seed, int threads) {

        /**
         * XGBoost's defaults, but a smaller step with more rounds, and one thread: OpenMP's
         * workers spin while they wait, and on a busy 2-core machine 200 rounds on 20,000 × 23
         * took 2.5 s on one thread, 44 s on two and 46-56 s at XGBoost's default (every core).
         */
        public static Settings defaults() {
            return new Settings(200, 6, 0.1, 1.0, 1.0, 42, 1);
        }

        Map<String, Object> params() {
            Map<String, Object> params = new HashMap<>();
            params.put("objective", "binary:logistic");
            params.put("eval_metric", "logloss");
            params.put("tree_method", "hist");
            params.put("max_depth", maxDepth);
            params.put("eta", eta);
            params.put("min_child_weight", minChildWeight);
            params.put("subsample", subsample);
            params.put("seed", seed);
            params.put("nthread", threads);
            params.put("verbosity", 0);
            return params;
        }
    }

    private final Booster booster;

    private Gbdt(Booster booster) {
        this.booster = booster;
    }

    public static Gbdt train(List<double[]> features, boolean[] labels, Settings settings) {
        if (features.isEmpty()) {
            throw new IllegalArgumentException("gbdt needs examples to train on");
        }
        float[] y = new float[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i] ? 1 : 0;
        }
        try {
            DMatrix train = matrix(features);
            try {
                train.setLabel(y);
                return new Gbdt(XGBoost.train(train, settings.params(), settings.rounds(), Map.of(), null, null));
            } finally {
                train.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to train: " + e.getMessage(), e);
        }
    }

    /** P(positive) of each feature vector. */
    public double[] score(List<double[]> features) {
        double[] scores = new double[features.size()];
        if (features.isEmpty()) {
            return scores;
        }
        try {
            DMatrix data = matrix(features);
            try {
                float[][] predicted = booster.predict(data);
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = predicted[i][0];
                }
                return scores;
            } finally {
                data.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to score: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        booster.dispose();
    }

    private static DMatrix matrix(List<double[]> features) throws XGBoostError {
        int columns = features.get(0).length;
        float[] dense = new float[features.size() * columns];
        for (int r = 0; r < features.size(); r++) {
            double[] row = features.get(r);
            for (int c = 0; c < columns; c++) {
                dense[r * columns + c] = (float) row[c];
            }
        }
        return new DMatrix(dense, features.size(), columns, Float.NaN);
    }
}
