package io.intentflow.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intentflow.ingest.WatermarkSettings;
import io.intentflow.learn.ShadowSettings;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.score.ExplainSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobSettingsTest {

    @Test
    void defaultsMatchTheReadme() {
        JobSettings settings = JobSettings.from(ConfigLoader.load(new String[0]));

        assertThat(settings.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.topics().clicks()).isEqualTo("clicks");
        assertThat(settings.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(settings.session().gap()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.session().ringSize()).isEqualTo(64);
        assertThat(settings.scorer().network().featureSet()).isEqualTo(FeatureSet.SESSION);
        assertThat(settings.session().userHistoryTtl()).isEqualTo(Duration.ofDays(90));
        assertThat(settings.watermarks().outOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.watermarks().idleness()).isEqualTo(Duration.ofMinutes(3));
        assertThat(settings.watermarks().alignment())
                .contains(new WatermarkSettings.Alignment(Duration.ofMinutes(25), Duration.ofMillis(50)));
    }

    @Test
    void alignmentCanBeSwitchedOffAndThenIgnoresItsOtherKeys() {
        JobSettings settings =
                JobSettings.from(
                        ConfigLoader.load(
                                new String[] {"--watermark.alignment.enabled", "false", "--watermark.alignment.max-drift", "0 s", "--watermark.idleness", "1 h"}));

        assertThat(settings.watermarks().alignment()).isEmpty();
        assertThat(settings.watermarks().idleness()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anIdlenessThatWouldPauseEveryPartitionBehindAQuietOneIsRefused() {
        assertThatThrownBy(() -> JobSettings.from(ConfigLoader.load(new String[] {"--watermark.idleness", "25 min"})))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("watermark.idleness")
                .hasMessageContaining("max drift (25 min)");
        assertThat(JobSettings.from(ConfigLoader.load(new String[] {"--watermark.idleness", "25 min", "--watermark.alignment.max-drift", "26 min"}))
                        .watermarks().idleness())
                .isEqualTo(Duration.ofMinutes(25));
    }

    @Test
    void aUserIdKeyFileThatIsMissingOrShortStopsStartupNamingTheKey(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> JobSettings.from(ConfigLoader.load(new String[] {"--privacy.user-id-key-file", dir.resolve("absent").toString()}))
                        .requireUsableUserIdKey())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'privacy.user-id-key-file'")
                .hasMessageContaining("no such file");
        Path shortKey = Files.writeString(dir.resolve("short.key"), "0123456789");
        assertThatThrownBy(() -> JobSettings.from(ConfigLoader.load(new String[] {"--privacy.user-id-key-file", shortKey.toString()}))
                        .requireUsableUserIdKey())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("'privacy.user-id-key-file'")
                .hasMessageContaining("10 bytes, at least 32");
    }

    @Test
    void theSettingsNameTheKeyFileButNeverHoldTheKey(@TempDir Path dir) throws Exception {
        String key = "the-user-id-key-itself-0123456789abcdef";
        Path file = Files.writeString(dir.resolve("user-id.key"), key);

        JobSettings settings = JobSettings.from(ConfigLoader.load(new String[] {"--privacy.user-id-key-file", file.toString()}));
        settings.requireUsableUserIdKey();

        assertThat(settings.userIdKeys().keyFile()).isEqualTo(file.toString());
        assertThat(settings.toString()).doesNotContain(key);
    }

    @Test
    void explanationsAreOnByDefaultAndABadSettingIsRefusedNamingItsKey() {
        JobSettings settings = JobSettings.from(ConfigLoader.load(new String[0]));
        assertThat(settings.scorer().explain()).isEqualTo(new ExplainSettings(true, 0.0, 5));
        assertThat(settings.topics().explanations()).isEqualTo("intent-explanations");

        assertThatThrownBy(() -> JobSettings.from(ConfigLoader.load(new String[] {"--score.explain.sample-rate", "1.5"})))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("score.explain.sample-rate")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> JobSettings.from(ConfigLoader.load(new String[] {"--score.explain.top-events", "0"})))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("score.explain.top-events");
    }

    @Test
    void theShippedConfigFileHoldsExactlyTheDefaults() {
        JobSettings shipped = JobSettings.from(ConfigLoader.load(new String[] {"--config", "../conf/intentflow.yaml"}));
        JobSettings defaults = JobSettings.from(ConfigLoader.load(new String[0]));

        assertThat(shipped).usingRecursiveComparison().isEqualTo(defaults);
        assertThat(ConfigLoader.readYaml(new java.io.File("../conf/intentflow.yaml")).keySet())
                .as("every key with a default is in the file")
                .containsAll(JobOptions.ALL.stream().filter(o -> o.hasDefaultValue()).map(o -> o.key()).toList());
    }

    @Test
    void shadowModeIsOffByDefaultAndItsKeysNestUnderTrainShadow(@TempDir Path dir) throws Exception {
        assertThat(JobSettings.from(ConfigLoader.load(new String[0])).training().orElseThrow().shadow())
                .isEqualTo(new ShadowSettings(false, 500, 0.0));
        Path file = dir.resolve("intentflow.yaml");
        Files.writeString(
                file,
                """
                train:
                  shadow: true
                  shadow.min-examples: 200
                """);

        JobSettings settings = JobSettings.from(ConfigLoader.load(new String[] {"--config", file.toString(), "--train.shadow.margin", "0.02"}));

        assertThat(settings.training().orElseThrow().shadow()).isEqualTo(new ShadowSettings(true, 200, 0.02));
    }

    @Test
    void readsAYamlFileAndLetsArgumentsWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("intentflow.yaml");
        Files.writeString(
                file,
                """
                session:
                  gap: 10 min
                  ring-size: 16
                topics.clicks: web-clicks
                sink.delivery-guarantee: at-least-once
                kafka:
                  properties:
                    security.protocol: SASL_SSL
                    sasl.jaas.config: secret-stuff
                """);

        JobSettings settings =
                JobSettings.from(ConfigLoader.load(new String[] {"--config", file.toString(), "--session.ring-size", "32"}));

        assertThat(settings.session().gap()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.session().ringSize()).isEqualTo(32);
        assertThat(settings.topics().clicks()).isEqualTo("web-clicks");
        assertThat(settings.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(settings.kafka().clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "secret-stuff");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "session.gap, soon",
        "session.gap, 0 s",
        "session.ring-size, 0",
        "session.ring-size, many",
        "session.allowed-lateness, -1 min",
        "watermark.idleness, 0 ms",
        "watermark.alignment.enabled, sometimes",
        "watermark.alignment.max-drift, 0 s",
        "watermark.alignment.update-interval, 0 ms",
        "watermark.alignment.update-interval, 500 us",
        "watermark.alignment.max-drfit, 10 min",
        "input.max-record-bytes, 10",
        "sink.delivery-guarantee, twice",
        "kafka.starting-offsets, yesterday",
        "topics.clicks, ' '",
        "score.enabled, maybe",
        "session.gapp, 10 min",
        "train.max-waiting, 1",
        "model.features, everything",
        "model.user-history-ttl, 0 d",
        "train.shadow, perhaps",
        "train.shadow.min-examples, 5",
        "train.shadow.margin, -0.1",
        "train.shadow.margin, 1",
    })
    void aBadValueStopsStartupNamingItsKey(String key, String value) {
        assertThatThrownBy(() -> JobSettings.from(ConfigLoader.load(new String[] {"--" + key, value})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key);
    }

    @Test
    void aModelVersionIsFoundInTheRegistry() {
        JobSettings settings =
                JobSettings.from(ConfigLoader.load(new String[] {"--model.registry.dir", "/models", "--model-version", "12"}));

        assertThat(settings.modelPath()).contains("/models/model-v12.zip");
        assertThatThrownBy(() -> JobSettings.from(ConfigLoader.load(new String[] {"--model-version", "12"})))
                .hasMessageContaining("model.version")
                .hasMessageContaining("model.registry.dir");
    }

    @Test
    void withoutScoringThereIsNoLearningLoop() {
        assertThat(JobSettings.from(ConfigLoader.load(new String[0])).scoring()).isTrue();

        JobSettings baseline = JobSettings.from(ConfigLoader.load(new String[] {"--score.enabled", "false"}));

        assertThat(baseline.scoring()).isFalse();
        assertThat(baseline.training()).isEmpty();
        assertThatThrownBy(() -> JobSettings.from(ConfigLoader.load(new String[] {"--score.enabled", "false", "--train.enabled", "true"})))
                .hasMessageContaining("train.enabled")
                .hasMessageContaining("score.enabled");
    }

    @Test
    void aMissingConfigFileIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--config", "/no/such/file.yaml"}))
                .hasMessageContaining("/no/such/file.yaml");
    }
}
