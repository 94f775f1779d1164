package io.intentflow.tools.evaluate;

import io.intentflow.records.SessionSnapshot;

/**
 * The evaluation's split of the dataset's event time: before {@code measuredFrom} is warm-up (the
 * online methods learn, the offline baselines train); from it on, every method is measured on the
 * same events.
 */
public record TimeSplit(long firstTs, long measuredFrom, long lastTs) {

    public TimeSplit {
        if (!(firstTs <= measuredFrom && measuredFrom <= lastTs)) {
            throw new IllegalArgumentException("the split must lie within the data: " + firstTs + " <= " + measuredFrom + " <= " + lastTs);
        }
    }

    /** The first half of the event time for warm-up, the second half measured. */
    public static TimeSplit halves(long firstTs, long lastTs) {
        return new TimeSplit(firstTs, firstTs + (lastTs - firstTs) / 2, lastTs);
    }

    public boolean measures(long eventTs) {
        return eventTs >= measuredFrom;
    }

    /** Whether every method is measured on this update: a scored event of the second half. */
    public boolean measures(SessionSnapshot update) {
        return ScoredEvent.isScored(update) && measures(update.trigger().ts());
    }
}
