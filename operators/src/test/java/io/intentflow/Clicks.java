package io.intentflow;

import io.intentflow.model.EventType;
import io.intentflow.records.Click;
import io.intentflow.records.RecordOrigin;
import java.time.Duration;
import java.time.Instant;

/** Named instants and click builders, so tests read as scenarios. */
public final class Clicks {

    public static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();

    private static long nextOffset;

    private Clicks() {}

    public static long at(Duration sinceT0) {
        return T0 + sinceT0.toMillis();
    }

    public static long minutes(long minutes) {
        return at(Duration.ofMinutes(minutes));
    }

    public static Click view(String eventId, String user, long ts) {
        return click(eventId, user, EventType.VIEW, ts, 10.0);
    }

    public static Click click(String eventId, String user, EventType type, long ts, double price) {
        return new Click(
                eventId, user, type, "i-" + eventId, "c1", price, null, ts,
                new RecordOrigin("clicks", 0, nextOffset++));
    }
}
