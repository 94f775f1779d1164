package io.intentflow.tools.replay;

import java.time.Duration;

/**
 * When each record of a paced replay is due on the wall clock: the first at once, each next one
 * its event-time distance later divided by the speed, but never more than {@code maxPause} after
 * the one before. Event times come in order.
 */
final class ReplaySchedule {

    private final double speed;
    private final long maxPauseMillis;
    private final long wallStart;
    private long firstTs;
    private long lastDue = Long.MIN_VALUE;
    /** Wall time cut from long pauses so far. */
    private long skipped;

    ReplaySchedule(double speed, Duration maxPause, long wallStart) {
        this.speed = speed;
        this.maxPauseMillis = maxPause.toMillis();
        this.wallStart = wallStart;
    }

    /** Wall-clock time, epoch ms, at which the record of event time {@code ts} is due. */
    long dueAt(long ts) {
        if (lastDue == Long.MIN_VALUE) {
            firstTs = ts;
            lastDue = wallStart;
            return wallStart;
        }
        long due = wallStart + (long) ((ts - firstTs) / speed) - skipped;
        if (due - lastDue > maxPauseMillis) {
            skipped += due - lastDue - maxPauseMillis;
            due = lastDue + maxPauseMillis;
        }
        lastDue = due;
        return due;
    }
}
