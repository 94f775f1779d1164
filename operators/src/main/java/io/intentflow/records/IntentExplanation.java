package io.intentflow.records;

/**
 * Why one score is what it is, as written to {@code intent-explanations}: for a session's score
 * that entered the {@code high} band, or one picked by {@code score.explain.sample-rate}.
 *
 * @param eventId the click whose score is explained (the score's own {@code eventId})
 * @param score the explained score, as on {@code intent-scores}
 * @param modelVersion the model version that computed the score and the attributions
 * @param reason {@code high} (the session entered the high band) or {@code sampled}
 * @param topEvents the ring's events whose removal lowers the score most, most first, at most
 *     {@code score.explain.top-events}
 * @param groups every feature group of the model, in a fixed order
 * @param explainedAt processing time of the explanation
 */
public record IntentExplanation(
        String userId,
        String sessionId,
        String eventId,
        float score,
        String band,
        long modelVersion,
        String reason,
        EventAttribution[] topEvents,
        GroupAttribution[] groups,
        long eventTs,
        long explainedAt) {}
