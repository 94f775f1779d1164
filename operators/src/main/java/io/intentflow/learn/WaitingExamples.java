package io.intentflow.learn;

import io.intentflow.records.LabelledExample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The labelled examples that arrived since the last round started, for the next one to train on:
 * all of them, or, beyond {@code capacity}, a uniform sample of them (reservoir sampling). When
 * examples arrive faster than the trainer learns, what it holds for training stays bounded; every
 * example is still counted and scored ({@link ScoringQueue}).
 *
 * <p>Task thread only.
 */
final class WaitingExamples {

    /** What the next round trains on, out of how many that arrived for it. */
    record Batch(List<LabelledExample> train, long arrived) {

        /** Examples that arrived for this round and are not trained on. */
        long sampledOut() {
            return arrived - train.size();
        }
    }

    private final int capacity;
    // Seeded: the same stream gives the same sample, run after run.
    private final SplittableRandom random = new SplittableRandom(42);
    private List<LabelledExample> sample = new ArrayList<>();
    private long arrived;

    WaitingExamples(int capacity) {
        this.capacity = capacity;
    }

    void add(LabelledExample example) {
        arrived++;
        if (sample.size() < capacity) {
            sample.add(example);
        } else {
            long slot = random.nextLong(arrived);
            if (slot < capacity) {
                sample.set((int) slot, example);
            }
        }
    }

    /** Examples that arrived since the last round started. */
    long arrived() {
        return arrived;
    }

    /** Examples waiting to be trained on: the sample so far. */
    List<LabelledExample> sample() {
        return sample;
    }

    boolean isEmpty() {
        return arrived == 0;
    }

    /** Hands the sample over to a round and starts afresh. */
    Batch take() {
        Batch batch = new Batch(List.copyOf(sample), arrived);
        sample = new ArrayList<>();
        arrived = 0;
        return batch;
    }
}
