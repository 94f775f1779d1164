package io.intentflow.tools.evaluate.report;

import io.intentflow.tools.evaluate.TimeSplit;
import io.intentflow.tools.evaluate.metrics.Bootstrap;
import java.time.Duration;

/**
 * How the report measures, and what it says about the run.
 *
 * @param dataset what the events came from, in words (the page's subtitle)
 * @param horizon {@code label.horizon}, which defined the labels
 * @param threshold the decision threshold of precision, recall, F1 and the Coveo measure: {@code score.band.high}
 * @param timeWindows how many equal windows of event time the measured half is cut into for AUC over time
 */
public record ReportSettings(
        String dataset, TimeSplit split, Duration horizon, double threshold, Bootstrap bootstrap, int timeWindows) {

    public ReportSettings {
        if (timeWindows < 1) {
            throw new IllegalArgumentException("at least one time window: " + timeWindows);
        }
    }

    /** 1000 bootstrap replicates (seed 2021) and 24 time windows. */
    public static ReportSettings of(String dataset, TimeSplit split, Duration horizon, double threshold) {
        return new ReportSettings(dataset, split, horizon, threshold, new Bootstrap(1000, 2021), 24);
    }
}
