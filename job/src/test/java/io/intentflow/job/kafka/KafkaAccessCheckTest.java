package io.intentflow.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.job.config.JobSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaAccessCheckTest {

    private static final String PASSWORD = "s3cret-password-9876";

    @TempDir Path dir;

    @Test
    void namesThePrincipalOfALoginReadThroughAConfigProviderWithoutItsPassword() throws Exception {
        Files.writeString(dir.resolve("sasl.jaas.config"),
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"scorer\" password=\"" + PASSWORD + "\";");
        Properties properties = new Properties();
        properties.setProperty("security.protocol", "SASL_SSL");
        properties.setProperty("config.providers", "secret");
        properties.setProperty("config.providers.secret.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
        properties.setProperty("sasl.jaas.config", "${secret:" + dir + ":sasl.jaas.config}");

        assertThat(KafkaAccessCheck.principal(properties)).isEqualTo("'scorer'").doesNotContain(PASSWORD);
    }

    @Test
    void aClientWithoutSaslIsNamedByItsProtocol() {
        Properties properties = new Properties();
        properties.setProperty("security.protocol", "SSL");

        assertThat(KafkaAccessCheck.principal(properties)).isEqualTo("(SSL client, no SASL username)");
    }

    @Test
    void theLearningJobReadsItsInputsAndWritesItsOutputsItsVersionsAndItsExplanations() {
        JobSettings settings = JobSettings.from(Configuration.fromMap(Map.of("topics.scores", "scores")));

        assertThat(KafkaAccessCheck.topicNeeds(settings)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "clicks", Set.of(AclOperation.READ),
                "purchases", Set.of(AclOperation.READ),
                "model-updates", Set.of(AclOperation.READ, AclOperation.WRITE),
                "dead-letters", Set.of(AclOperation.WRITE),
                "session-updates", Set.of(AclOperation.WRITE),
                "scores", Set.of(AclOperation.WRITE),
                "model-drift", Set.of(AclOperation.WRITE),
                "intent-explanations", Set.of(AclOperation.WRITE)));
    }
}
