package io.intentflow.e2e;

import io.intentflow.tools.generate.GeneratedRecord;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Sends a stream chunk by chunk, each once the trainer has taken every example labelled so far.
 * In production clicks arrive in real time and training keeps up; sent all at once, the scorers
 * would race through the stream ahead of the trainer, whose rounds (apart from the stream) would
 * then each take a sample of a burst, and what a learning test measured would be this machine's
 * speed, not the learning.
 */
record TrainerPacedSender(String bootstrapServers, JobCounters job, int chunk, int trainEvery) {

    void send(List<GeneratedRecord> records) throws InterruptedException {
        send(records, end -> {});
    }

    /** The same, calling {@code afterChunk} with the end (exclusive) of each chunk once the trainer has taken it. */
    void send(List<GeneratedRecord> records, IntConsumer afterChunk) throws InterruptedException {
        for (int from = 0; from < records.size(); from += chunk) {
            int end = Math.min(records.size(), from + chunk);
            SimulatedStream.send(bootstrapServers, records.subList(from, end));
            awaitTrainerCaughtUp();
            afterChunk.accept(end);
        }
    }

    /**
     * Until the trainer has received every labelled example and trained on all but less than a
     * round's worth, and no new label appeared for a second; at most a minute.
     */
    private void awaitTrainerCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long lastLabelled = -1;
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long labelled = job.counter("positive") + job.counter("negative");
            if (labelled == lastLabelled && job.counter("examples") >= labelled && job.gauge("examplesWaiting") < trainEvery) {
                return;
            }
            lastLabelled = labelled;
        }
    }
}
