package io.intentflow.ingest;

import io.intentflow.privacy.InvalidUserIdKeyException;
import io.intentflow.privacy.UserIdKeySource;
import io.intentflow.privacy.UserIdPseudonymizer;
import io.intentflow.records.DeadLetter;
import io.intentflow.records.DeadLetterReason;
import io.intentflow.records.RecordOrigin;
import java.io.Serializable;
import java.util.Map;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the bytes of one record into a validated value, or into a dead letter that says why not.
 * Never throws for bad input: every record comes out as one or the other. The user id is
 * pseudonymised here, first thing, when a user-id key is set (docs/privacy.md), so nothing after
 * the parser sees a raw id.
 *
 * @param <T> the validated value
 * @param <I> what the source emits: the value or its dead letter
 */
public abstract class RecordParser<T, I> implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RecordParser.class);

    protected final InputLimits limits;
    private final UserIdKeySource keys;

    /** Built from {@link #keys} where the parser runs: the key never travels with the job. */
    private transient UserIdPseudonymizer userIds;

    RecordParser(InputLimits limits, UserIdKeySource keys) {
        this.limits = limits;
        this.keys = keys;
    }

    /**
     * Reads the user-id key, once, where the parser runs, and says at start whether ids are
     * pseudonymised. A key that cannot be used fails the job without restarts: no retry fixes it.
     */
    public void open() {
        Map<String, String> environment = System.getenv();
        try {
            userIds = keys.load(environment);
        } catch (InvalidUserIdKeyException e) {
            throw new SuppressRestartsException(e);
        }
        if (userIds.isKeyed()) {
            LOG.info("{}: user ids are pseudonymised (HMAC-SHA256) with the key from {}, fingerprint {}",
                    getClass().getSimpleName(), keys.describe(environment), userIds.keyFingerprint());
        } else if (keys.readsEnvironment()) {
            LOG.warn("{}: user ids are kept raw in state, savepoints, scores and logs: neither {} nor {} is set",
                    getClass().getSimpleName(), UserIdKeySource.ENV_VAR, UserIdKeySource.KEY_FILE_OPTION);
        }
    }

    /** @param now the parser's clock, for the future-timestamp check and the dead letter's time */
    public I parse(byte[] key, byte[] value, RecordOrigin origin, long now) {
        if (userIds == null) {
            open();
        }
        JsonFields json = null;
        try {
            if (value == null) {
                throw new RejectedRecord(DeadLetterReason.MALFORMED_JSON, "record has no value");
            }
            if (value.length > limits.maxRecordBytes()) {
                throw new RejectedRecord(
                        DeadLetterReason.OVERSIZE, value.length + " bytes, more than the limit of " + limits.maxRecordBytes());
            }
            json = StrictJson.object(value);
            return valid(read(json, origin, now + limits.maxFutureSkew().toMillis()));
        } catch (RejectedRecord rejected) {
            return rejected(DeadLetters.of(
                    rejected.reason(), rejected.getMessage(), key, value, limits.maxRecordBytes(), origin, now, userIdOrNull(json)));
        }
    }

    /** The record's {@code userId}, pseudonymised. */
    String userId(JsonFields json) throws RejectedRecord {
        return userIds.pseudonym(json.requiredString("userId", InputLimits.MAX_ID_CHARS));
    }

    /** A rejected record's user id where it has a valid one, so its dead letter carries the pseudonym. */
    private String userIdOrNull(JsonFields json) {
        try {
            return json == null ? null : userId(json);
        } catch (RejectedRecord noUserId) {
            return null;
        }
    }

    /** @param latestTs the latest plausible event time */
    abstract T read(JsonFields json, RecordOrigin origin, long latestTs) throws RejectedRecord;

    abstract I valid(T value);

    abstract I rejected(DeadLetter deadLetter);
}
