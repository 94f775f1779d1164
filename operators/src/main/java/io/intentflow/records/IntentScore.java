package io.intentflow.records;

/**
 * A session's purchase intent after one event, as written to {@code intent-scores}.
 *
 * @param eventId the click this score answers, so that each click has exactly one score
 * @param band {@code low}, {@code medium} or {@code high}, from the configured thresholds
 * @param value the session's expected order value: {@code score} times the value head's order
 *     value given a purchase, in the amounts' unit; null while no order value has trained the
 *     model (data without prices or amounts)
 * @param modelVersion the model version that computed the score
 * @param eventTs event time of the click
 * @param scoredAt processing time of the scoring
 */
public record IntentScore(
        String userId,
        String sessionId,
        String eventId,
        float score,
        Double value,
        String band,
        long modelVersion,
        int events,
        long eventTs,
        long scoredAt) {}
