package io.intentflow.tools.generate;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket that holds a producer to a rate. It sleeps once per batch of about 10 ms worth
 * of records, since one sleep per record cannot reach thousands per second; after a pause it
 * lets at most {@value #BURST_MS} ms worth through at once, not everything it missed.
 */
final class RatePacer {

    private static final long BURST_MS = 100;

    private final double nanosPerPermit;
    private final int batch;
    private long taken;
    private long due = System.nanoTime();

    RatePacer(int permitsPerSecond) {
        this.nanosPerPermit = 1e9 / permitsPerSecond;
        this.batch = Math.max(1, permitsPerSecond / 100);
    }

    /** Takes one permit, sleeping at the end of a batch until the batch is due. */
    void acquire() throws InterruptedException {
        if (++taken % batch != 0) {
            return;
        }
        long now = System.nanoTime();
        due = Math.max(due, now - TimeUnit.MILLISECONDS.toNanos(BURST_MS)) + (long) (batch * nanosPerPermit);
        if (due > now) {
            TimeUnit.NANOSECONDS.sleep(due - now);
        }
    }
}
