package io.intentflow.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a user id by its pseudonym: HMAC-SHA256 of the id's UTF-8 bytes under the user-id key,
 * its first 16 bytes in base64url without padding (22 characters). Without a key it returns ids
 * unchanged.
 *
 * <p>128 bits are plenty: two users share a pseudonym with probability about n²/2¹²⁹, 10⁻²¹ for
 * a billion users, and without the key a pseudonym cannot be computed or reversed at any length.
 * With the key anyone can recompute the pseudonym of an id they know, so the key is a secret.
 *
 * <p>Not thread-safe (one {@link Mac}): each parser instance has its own.
 */
public final class UserIdPseudonymizer {

    public static final String ALGORITHM = "HmacSHA256";
    public static final int PSEUDONYM_BYTES = 16;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** Null when ids are kept raw. */
    private final Mac mac;

    private UserIdPseudonymizer(Mac mac) {
        this.mac = mac;
    }

    public static UserIdPseudonymizer raw() {
        return new UserIdPseudonymizer(null);
    }

    public static UserIdPseudonymizer keyed(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return new UserIdPseudonymizer(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    public boolean isKeyed() {
        return mac != null;
    }

    public String pseudonym(String userId) {
        if (mac == null) {
            return userId;
        }
        byte[] digest = mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
        return BASE64URL.encodeToString(Arrays.copyOf(digest, PSEUDONYM_BYTES));
    }

    /**
     * Names the key without revealing it, for the log line at start: the pseudonym of a fixed
     * string no shop uses as a user id. Both sides of a join can compare it.
     */
    public String keyFingerprint() {
        return mac == null ? "none" : pseudonym("intentflow:key-fingerprint").substring(0, 8);
    }
}
