package io.intentflow.model.training;

/**
 * The Page-Hinkley test for a rise in the mean of a stream (here the live model's prequential
 * log-loss, one value per labelled example): the cumulative deviation from the running mean, less
 * a tolerance {@code delta} per value, is tracked with its minimum; a change is signalled when the
 * cumulative deviation rises more than {@code threshold} above that minimum. O(1) time and memory
 * per value; after a signal it starts afresh, so the new level becomes the reference.
 *
 * <p>Chosen over ADWIN because only a rise matters (a falling loss is no alarm), because its two
 * parameters read directly in the units of the loss, and because it keeps four numbers instead of
 * ADWIN's window of buckets.
 */
public final class PageHinkley {

    private final double delta;
    private final double threshold;
    private final int minValues;
    private long values;
    private double mean;
    private double cumulative;
    private double minimum;
    private double signalledStatistic;
    private double signalledMean;

    /**
     * @param delta the rise per value tolerated as noise
     * @param threshold how far the cumulative deviation may rise above its minimum before a change is signalled
     * @param minValues values seen before any signal: the mean needs a few to settle
     */
    public PageHinkley(double delta, double threshold, int minValues) {
        this.delta = delta;
        this.threshold = threshold;
        this.minValues = minValues;
    }

    /** @return whether {@code value} completes a detected rise (the test then starts afresh) */
    public boolean add(double value) {
        values++;
        mean += (value - mean) / values;
        cumulative += value - mean - delta;
        minimum = Math.min(minimum, cumulative);
        if (values >= minValues && statistic() > threshold) {
            signalledStatistic = statistic();
            signalledMean = mean;
            reset();
            return true;
        }
        return false;
    }

    /** How far the cumulative deviation stands above its minimum now; a change is signalled above the threshold. */
    public double statistic() {
        return cumulative - minimum;
    }

    /** The statistic when a change was last signalled. */
    public double signalledStatistic() {
        return signalledStatistic;
    }

    /** The running mean of the values when a change was last signalled: the level before it. */
    public double signalledMean() {
        return signalledMean;
    }

    private void reset() {
        values = 0;
        mean = 0;
        cumulative = 0;
        minimum = 0;
    }
}
