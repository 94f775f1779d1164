package io.intentflow.learn;

import io.intentflow.records.LabelledExample;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Every labelled example, in arrival order, until the round's thread scores it with the live
 * model (prequential evaluation). The task thread adds; the round's thread takes all there is
 * before a round and after each of its mini-batches, so an example waits here for a mini-batch,
 * not for a round, and nothing trains on it before it is scored. The one object both threads
 * touch: a concurrent queue.
 *
 * <p>Bounded: when the round's thread cannot score as fast as examples arrive, the oldest are
 * dropped unscored (and counted), never the stream held up.
 */
final class ScoringQueue {

    private final LinkedBlockingQueue<LabelledExample> queue;

    ScoringQueue(int capacity) {
        queue = new LinkedBlockingQueue<>(capacity);
    }

    /** Task thread. @return how many older examples were dropped unscored to make room */
    int add(LabelledExample example) {
        int dropped = 0;
        while (!queue.offer(example)) {
            if (queue.poll() != null) {
                dropped++;
            }
        }
        return dropped;
    }

    /** Round's thread: everything waiting, oldest first. */
    List<LabelledExample> takeAll() {
        List<LabelledExample> examples = new ArrayList<>(queue.size());
        queue.drainTo(examples);
        return examples;
    }
}
