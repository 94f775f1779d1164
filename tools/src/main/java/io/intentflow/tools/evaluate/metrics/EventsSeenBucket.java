package io.intentflow.tools.evaluate.metrics;

/**
 * Events grouped by how many events their session had seen when they were scored (the event
 * itself included). The buckets cover every count: 1, 2, 3, 4-5, 6-10, 11-19, 20 and more.
 */
public enum EventsSeenBucket {
    ONE("1", 1, 1),
    TWO("2", 2, 2),
    THREE("3", 3, 3),
    FOUR_TO_FIVE("4-5", 4, 5),
    SIX_TO_TEN("6-10", 6, 10),
    ELEVEN_TO_NINETEEN("11-19", 11, 19),
    TWENTY_AND_MORE("20+", 20, Integer.MAX_VALUE);

    private final String label;
    private final int from;
    private final int to;

    EventsSeenBucket(String label, int from, int to) {
        this.label = label;
        this.from = from;
        this.to = to;
    }

    /** The bucket's name in the report: {@code "4-5"}. */
    public String label() {
        return label;
    }

    public static EventsSeenBucket of(int eventsSeen) {
        for (EventsSeenBucket bucket : values()) {
            if (eventsSeen >= bucket.from && eventsSeen <= bucket.to) {
                return bucket;
            }
        }
        throw new IllegalArgumentException("a scored event has seen at least one event: " + eventsSeen);
    }
}
