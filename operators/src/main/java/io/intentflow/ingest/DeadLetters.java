package io.intentflow.ingest;

import io.intentflow.records.DeadLetter;
import io.intentflow.records.DeadLetterReason;
import io.intentflow.records.RecordOrigin;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** Builds dead letters that keep the original bytes readable where they are text. */
public final class DeadLetters {

    private DeadLetters() {}

    /** @param userId the record's user id as the job keys it, or null where it has no valid one */
    public static DeadLetter of(
            DeadLetterReason reason,
            String detail,
            byte[] key,
            byte[] payload,
            int maxPayloadBytes,
            RecordOrigin origin,
            long receivedAt,
            String userId) {
        byte[] body = payload == null ? new byte[0] : payload;
        boolean truncated = body.length > maxPayloadBytes;
        byte[] kept = truncated ? Arrays.copyOf(body, maxPayloadBytes) : body;
        String text = truncated ? null : utf8OrNull(kept);
        return new DeadLetter(
                reason,
                detail,
                key == null ? null : new String(key, StandardCharsets.UTF_8),
                userId,
                text,
                text == null ? Base64.getEncoder().encodeToString(kept) : null,
                body.length,
                truncated,
                origin,
                receivedAt);
    }

    /** Strict decoding: a lenient one would replace bad bytes and lose the original. */
    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
