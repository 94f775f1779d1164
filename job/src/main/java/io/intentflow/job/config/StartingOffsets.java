package io.intentflow.job.config;

import java.util.Locale;

/** Where a job without state starts reading its topics. */
public enum StartingOffsets {
    COMMITTED,
    EARLIEST,
    LATEST;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
