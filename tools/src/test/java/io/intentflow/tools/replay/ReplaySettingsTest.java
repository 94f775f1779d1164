package io.intentflow.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReplaySettingsTest {

    @Test
    void withoutOptionalFlagsItReplaysEverythingAsFastAsTheBrokerTakesIt() {
        ReplaySettings settings = ReplaySettings.parse(new String[] {"--format", "taobao", "--input", "UserBehavior.csv"});

        assertThat(settings.format().name()).isEqualTo("taobao");
        assertThat(settings.input()).isEqualTo(Path.of("UserBehavior.csv"));
        assertThat(settings.speed()).isEmpty();
        assertThat(settings.maxPause()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.limit()).isEmpty();
        assertThat(settings.bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.clicksTopic()).isEqualTo("clicks");
        assertThat(settings.purchasesTopic()).isEqualTo("purchases");
    }

    @Test
    void everyFlagIsRead() {
        ReplaySettings settings = ReplaySettings.parse(new String[] {
            "--format=yoochoose", "--input", "data/yoochoose-clicks.dat", "--speed", "3600", "--max-pause", "2", "--limit", "1000",
            "--bootstrap", "localhost:19092", "--clicks-topic", "c", "--purchases-topic", "p"
        });

        assertThat(settings.format().name()).isEqualTo("yoochoose");
        assertThat(settings.speed()).isEqualTo(OptionalDouble.of(3600));
        assertThat(settings.maxPause()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.limit()).isEqualTo(Optional.of(1000L));
        assertThat(settings.bootstrap()).isEqualTo("localhost:19092");
        assertThat(settings.clicksTopic()).isEqualTo("c");
        assertThat(settings.purchasesTopic()).isEqualTo("p");
        assertThat(ReplaySettings.parse(new String[] {"--format", "rees46", "--input", "f", "--speed", "max"}).speed()).isEmpty();
    }

    @Test
    void aMissingOrBadValueNamesItsFlag() {
        assertRejected("--format", "--input", "f");
        assertRejected("--input", "--format", "taobao");
        assertRejected("taobao, rees46, retailrocket, yoochoose", "--format", "csv", "--input", "f");
        assertRejected("--speed", "--format", "taobao", "--input", "f", "--speed", "0");
        assertRejected("--speed", "--format", "taobao", "--input", "f", "--speed", "fast");
        assertRejected("--limit", "--format", "taobao", "--input", "f", "--limit", "-1");
        assertRejected("--max-pause", "--format", "taobao", "--input", "f", "--max-pause", "0");
        assertRejected("--rate", "--format", "taobao", "--input", "f", "--rate", "10");
    }

    private static void assertRejected(String message, String... args) {
        assertThatThrownBy(() -> ReplaySettings.parse(args)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
