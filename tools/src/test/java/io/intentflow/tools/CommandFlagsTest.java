package io.intentflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A time flag (pretrain's {@code --until}) as ISO-8601 or epoch milliseconds, and the message for anything else. */
class CommandFlagsTest {

    private static CommandFlags until(String value) {
        return CommandFlags.parse(new String[] {"--until", value}, List.of("until"));
    }

    @Test
    void readsATimeAsAnInstantOrAsEpochMilliseconds() {
        assertThat(until("2017-11-29T12:00:00Z").time("until")).isEqualTo(1_511_956_800_000L);
        assertThat(until("1511956800000").time("until")).isEqualTo(1_511_956_800_000L);
    }

    @Test
    void refusesAnythingElseNamingTheFlag() {
        assertThatThrownBy(() -> until("29 Nov 2017").time("until"))
                .hasMessage("--until must be a time like 2017-11-29T12:00:00Z or epoch milliseconds, got '29 Nov 2017'");
        assertThatThrownBy(() -> CommandFlags.parse(new String[0], List.of("until")).time("until")).hasMessage("--until is required");
    }
}
