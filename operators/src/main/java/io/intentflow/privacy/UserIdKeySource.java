package io.intentflow.privacy;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the user-id key comes from: the file named by {@value #KEY_FILE_OPTION} if set, else the
 * environment variable {@value #ENV_VAR}. It holds no key material, only where to look, so it can
 * travel in the job graph; the key itself is read where the job runs and never enters the
 * job's configuration, its arguments or the Web UI.
 *
 * <p>A key is text (e.g. {@code openssl rand -base64 48}); surrounding whitespace, such as a
 * file's final line break, is not part of it; its UTF-8 bytes key the HMAC.
 *
 * @param keyFile the key file, or null to look in the environment
 * @param readsEnvironment false for tools that parse records of their own and never pseudonymise
 */
public record UserIdKeySource(String keyFile, boolean readsEnvironment) implements Serializable {

    public static final String ENV_VAR = "INTENTFLOW_USER_ID_KEY";
    public static final String KEY_FILE_OPTION = "privacy.user-id-key-file";
    /** HMAC-SHA256's own output length: a shorter key would be the weakest part (RFC 2104, section 3). */
    public static final int MIN_KEY_BYTES = 32;

    /** Keeps user ids raw and reads nothing. */
    public static final UserIdKeySource NONE = new UserIdKeySource(null, false);

    /** The job's source: the configured file, else the environment. */
    public static UserIdKeySource of(String keyFile) {
        return new UserIdKeySource(keyFile == null || keyFile.isBlank() ? null : keyFile.trim(), true);
    }

    /**
     * Reads the key and builds the pseudonymizer; raw when no key is configured.
     *
     * @param environment the process environment ({@code System.getenv()})
     * @throws InvalidUserIdKeyException naming the file option or the variable
     */
    public UserIdPseudonymizer load(Map<String, String> environment) {
        if (keyFile != null) {
            return UserIdPseudonymizer.keyed(checked(KEY_FILE_OPTION, "the key in " + keyFile, readFile()));
        }
        if (readsEnvironment && environment.containsKey(ENV_VAR)) {
            return UserIdPseudonymizer.keyed(checked(ENV_VAR, "the key", environment.get(ENV_VAR)));
        }
        return UserIdPseudonymizer.raw();
    }

    /** Where the key came from, for the log line at start. */
    public String describe(Map<String, String> environment) {
        if (keyFile != null) {
            return "the file " + keyFile + " (" + KEY_FILE_OPTION + ")";
        }
        return readsEnvironment && environment.containsKey(ENV_VAR) ? "the environment variable " + ENV_VAR : "nowhere";
    }

    private String readFile() {
        try {
            return Files.readString(Path.of(keyFile), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidUserIdKeyException(KEY_FILE_OPTION, "no such file: " + keyFile);
        } catch (IOException | RuntimeException e) {
            throw new InvalidUserIdKeyException(KEY_FILE_OPTION, "cannot read " + keyFile + ": " + e);
        }
    }

    private static byte[] checked(String name, String what, String text) {
        byte[] key = text.strip().getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_KEY_BYTES) {
            throw new InvalidUserIdKeyException(
                    name,
                    what + " has " + key.length + " bytes, at least " + MIN_KEY_BYTES
                            + " are needed (make one with: openssl rand -base64 48)");
        }
        return key;
    }
}
