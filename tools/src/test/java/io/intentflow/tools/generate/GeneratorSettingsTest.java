package io.intentflow.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeneratorSettingsTest {

    @Test
    void withoutFlagsTheDefaultsApply() {
        long weekAgo = System.currentTimeMillis() - Duration.ofDays(7).toMillis();
        GeneratorSettings settings = GeneratorSettings.parse(new String[0]);

        assertThat(settings.bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.rate()).isEqualTo(2000);
        assertThat(settings.duration()).isEmpty();
        assertThat(settings.count()).isEmpty();
        assertThat(settings.seed()).isEqualTo(42);
        assertThat(settings.users()).isEqualTo(2000);
        assertThat(settings.start() % 1000).isZero();
        assertThat(settings.start()).isBetween(weekAgo - 60_000, weekAgo + 60_000);
        assertThat(settings.malformedRate()).isEqualTo(0.005);
        assertThat(settings.clicksTopic()).isEqualTo("clicks");
        assertThat(settings.purchasesTopic()).isEqualTo("purchases");
        assertThat(settings.out()).as("to Kafka").isEmpty();
    }

    @Test
    void everyFlagIsRead() {
        GeneratorSettings settings = GeneratorSettings.parse(new String[] {
            "--bootstrap", "localhost:19092", "--rate=500", "--duration", "60", "--count", "10000000000", "--seed", "-3",
            "--users", "10", "--start", "2024-05-01T00:00:00Z", "--malformed-rate", "0.1", "--clicks-topic", "c", "--purchases-topic", "p",
            "--out", "sim.jsonl"
        });

        assertThat(settings).isEqualTo(new GeneratorSettings(
                "localhost:19092", 500, Optional.of(Duration.ofSeconds(60)), Optional.of(10_000_000_000L), -3, 10,
                Instant.parse("2024-05-01T00:00:00Z").toEpochMilli(), 0.1, "c", "p", Optional.of(Path.of("sim.jsonl"))));
        assertThat(GeneratorSettings.parse(new String[] {"--start", "1714521600000"}).start()).isEqualTo(1714521600000L);
    }

    @Test
    void aBadValueNamesItsFlag() {
        assertRejected("--rate", "--rate", "fast");
        assertRejected("--rate", "--rate", "0");
        assertRejected("--users", "--users", "-5");
        assertRejected("--count", "--count", "1.5");
        assertRejected("--duration", "--duration", "0");
        assertRejected("--seed", "--seed", "x");
        assertRejected("--malformed-rate", "--malformed-rate", "0.9");
        assertRejected("--malformed-rate", "--malformed-rate", "NaN");
        assertRejected("--start", "--start", "yesterday");
        assertRejected("--clicks-topic", "--clicks-topic", " ");
        assertRejected("--count", "--count");
        assertRejected("--speed", "--speed", "3");
        assertRejected("--out needs --count or --duration", "--out", "sim.jsonl");
    }

    private static void assertRejected(String flag, String... args) {
        assertThatThrownBy(() -> GeneratorSettings.parse(args)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(flag);
    }
}
