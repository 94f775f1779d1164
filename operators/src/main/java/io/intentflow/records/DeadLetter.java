package io.intentflow.records;

/**
 * A record the job could not use, with why. The original bytes are kept as text when they are
 * valid UTF-8 ({@code payload}) and as base64 otherwise ({@code payloadBase64}). Only an oversize
 * record is cut ({@code truncated}, with its full length in {@code payloadBytes}); its origin
 * still points at the whole record in the source topic.
 *
 * <p>{@code key} and the payload are the record as it came, so they may hold a raw user id
 * (docs/privacy.md); {@code userId} is the record's user id as the job keys it (the pseudonym when
 * a user-id key is set) where the record has a valid one, else null.
 */
public record DeadLetter(
        DeadLetterReason reason,
        String detail,
        String key,
        String userId,
        String payload,
        String payloadBase64,
        int payloadBytes,
        boolean truncated,
        RecordOrigin origin,
        long receivedAt) {}
