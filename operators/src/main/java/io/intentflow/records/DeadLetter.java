package io.intentflow.records;

/**
 * A record the job could not use, with why. The original bytes are kept as text when they are
 * valid UTF-8 ({@code payload}) and as base64 otherwise ({@code payloadBase64}). Only an oversize
 * record is cut ({@code truncated}, with its full length in {@code payloadBytes}); its origin
 * still points at the whole record in the source topic.
 */
public record DeadLetter(
        DeadLetterReason reason,
        String detail,
        String key,
        String payload,
        String payloadBase64,
        int payloadBytes,
        boolean truncated,
        RecordOrigin origin,
        long receivedAt) {}
