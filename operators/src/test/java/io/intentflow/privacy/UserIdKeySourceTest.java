package io.intentflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserIdKeySourceTest {

    private static final String KEY = "k3y-0f-f0rty-ch4racters-for-the-tests-0";
    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir Path dir;

    @Test
    void theKeyFileKeysTheIdsAndItsFinalLineBreakIsNotPartOfTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("user-id.key"), KEY + "\n");

        UserIdPseudonymizer fromFile = UserIdKeySource.of(file.toString()).load(NO_ENV);
        UserIdPseudonymizer fromEnv = UserIdKeySource.of(null).load(Map.of(UserIdKeySource.ENV_VAR, KEY));

        assertThat(fromFile.isKeyed()).isTrue();
        assertThat(fromFile.pseudonym("u-1")).isEqualTo(fromEnv.pseudonym("u-1")).isNotEqualTo("u-1");
    }

    @Test
    void theConfiguredFileWinsOverTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("user-id.key"), KEY);
        Map<String, String> env = Map.of(UserIdKeySource.ENV_VAR, KEY + "-another-one");

        assertThat(UserIdKeySource.of(file.toString()).load(env).pseudonym("u-1"))
                .isEqualTo(UserIdKeySource.of(null).load(Map.of(UserIdKeySource.ENV_VAR, KEY)).pseudonym("u-1"));
    }

    @Test
    void withoutFileOrVariableIdsAreKeptRaw() {
        assertThat(UserIdKeySource.of(" ").load(NO_ENV).isKeyed()).isFalse();
        assertThat(UserIdKeySource.NONE.load(Map.of(UserIdKeySource.ENV_VAR, KEY)).isKeyed())
                .as("a tool's parser reads no key")
                .isFalse();
    }

    @Test
    void aMissingKeyFileIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> UserIdKeySource.of(dir.resolve("absent.key").toString()).load(NO_ENV))
                .isInstanceOf(InvalidUserIdKeyException.class)
                .hasMessageContaining("privacy.user-id-key-file")
                .hasMessageContaining("no such file")
                .hasMessageContaining("absent.key");
    }

    @Test
    void anUnreadableKeyFileIsRefusedNamingTheOption() {
        // A folder where the file should be: unreadable as a file, whoever runs the test.
        assertThatThrownBy(() -> UserIdKeySource.of(dir.toString()).load(NO_ENV))
                .isInstanceOf(InvalidUserIdKeyException.class)
                .hasMessageContaining("privacy.user-id-key-file")
                .hasMessageContaining("cannot read");
    }

    @Test
    void aShortKeyFileIsRefusedWithoutShowingTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("short.key"), "not-long-enough-31-bytes-secret\n");

        assertThatThrownBy(() -> UserIdKeySource.of(file.toString()).load(NO_ENV))
                .isInstanceOf(InvalidUserIdKeyException.class)
                .hasMessageContaining("privacy.user-id-key-file")
                .hasMessageContaining("31 bytes, at least 32")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aShortOrEmptyVariableIsRefusedNamingIt() {
        assertThatThrownBy(() -> UserIdKeySource.of(null).load(Map.of(UserIdKeySource.ENV_VAR, "short-secret")))
                .isInstanceOf(InvalidUserIdKeyException.class)
                .hasMessageContaining("INTENTFLOW_USER_ID_KEY")
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> UserIdKeySource.of(null).load(Map.of(UserIdKeySource.ENV_VAR, "")))
                .as("set but empty is a mistake, not a request for raw ids")
                .hasMessageContaining("0 bytes");
    }
}
