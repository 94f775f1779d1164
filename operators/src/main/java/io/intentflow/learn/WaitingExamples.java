package io.intentflow.learn;

import io.intentflow.records.LabelledExample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The labelled examples that arrived since the last round started, for the next one. The round
 * scores every one of them with the live model (prequential evaluation) and trains on a uniform
 * sample of at most {@code capacity} (reservoir sampling): when examples arrive faster than the
 * trainer learns, what it holds for training stays bounded while every example still counts.
 *
 * <p>The examples outside the sample are held only to be scored, at most {@code scoringBacklog}
 * of them; beyond that the oldest are dropped unscored and counted. That happens only when the
 * trainer cannot even score as fast as examples arrive, and with a backlog at least as long as
 * the rolling window it changes no rolling metric: the dropped examples would have left the
 * window within the same round.
 *
 * <p>Task thread only.
 */
final class WaitingExamples {

    /** What the next round works on. */
    record Batch(List<LabelledExample> train, List<LabelledExample> score, long arrived, long unscored) {

        /** Examples that arrived for this round and are not trained on. */
        long sampledOut() {
            return arrived - train.size();
        }
    }

    private final int capacity;
    private final int scoringBacklog;
    // Seeded: the same stream gives the same sample, run after run.
    private final SplittableRandom random = new SplittableRandom(42);
    private List<LabelledExample> sample = new ArrayList<>();
    private ArrayDeque<LabelledExample> arrivedInOrder = new ArrayDeque<>();
    private long arrived;
    private long unscored;

    WaitingExamples(int capacity, int scoringBacklog) {
        this.capacity = capacity;
        this.scoringBacklog = scoringBacklog;
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
        arrivedInOrder.addLast(example);
        if (arrivedInOrder.size() > scoringBacklog) {
            arrivedInOrder.removeFirst();
            unscored++;
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

    /** Hands everything over to a round and starts afresh. */
    Batch take() {
        Batch batch = new Batch(List.copyOf(sample), List.copyOf(arrivedInOrder), arrived, unscored);
        sample = new ArrayList<>();
        arrivedInOrder = new ArrayDeque<>();
        arrived = 0;
        unscored = 0;
        return batch;
    }
}
