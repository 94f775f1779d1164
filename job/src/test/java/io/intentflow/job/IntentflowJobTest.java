package io.intentflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intentflow.OperatorIds;
import io.intentflow.job.config.InvalidConfigException;
import io.intentflow.job.config.JobSettings;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which operators the job's graph holds under the switches that leave parts out. */
class IntentflowJobTest {

    private static final Set<String> INGEST_AND_SESSIONS =
            Set.of(
                    OperatorIds.CLICKS_SOURCE,
                    OperatorIds.CLICK_ROUTER,
                    OperatorIds.SESSIONIZER,
                    OperatorIds.LATE_CLICKS,
                    OperatorIds.SESSION_UPDATES_SINK,
                    OperatorIds.PURCHASES_SOURCE,
                    OperatorIds.PURCHASE_ROUTER,
                    OperatorIds.DEAD_LETTERS_SINK);
    private static final Set<String> SCORING =
            Set.of(OperatorIds.MODEL_UPDATES_SOURCE, OperatorIds.SCORER, OperatorIds.SCORES_SINK, OperatorIds.EXPLANATIONS_SINK);
    private static final Set<String> LEARNING = Set.of(OperatorIds.LABEL_JOINER, OperatorIds.TRAINER, OperatorIds.MODEL_UPDATES_SINK, OperatorIds.MODEL_DRIFT_SINK);

    @Test
    void theFullJobScoresAndLearns() {
        assertThat(uids(Map.of())).containsAll(INGEST_AND_SESSIONS).containsAll(SCORING).containsAll(LEARNING);
    }

    @Test
    void withoutTrainingItScoresOnly() {
        assertThat(uids(Map.of("train.enabled", "false")))
                .containsAll(INGEST_AND_SESSIONS)
                .containsAll(SCORING)
                .doesNotContainAnyElementsOf(LEARNING);
    }

    @Test
    void withoutScoringItEndsAtTheSessionUpdatesAndDeadLetters() {
        assertThat(uids(Map.of("score.enabled", "false")))
                .containsExactlyInAnyOrderElementsOf(INGEST_AND_SESSIONS);
    }

    @Test
    void explanationsSwitchedOffOrWrittenNowhereHaveNoSink() {
        assertThat(uids(Map.of("score.explain.enabled", "false"))).doesNotContain(OperatorIds.EXPLANATIONS_SINK).contains(OperatorIds.SCORES_SINK);
        assertThat(uids(Map.of("topics.intent-explanations", ""))).doesNotContain(OperatorIds.EXPLANATIONS_SINK).contains(OperatorIds.SCORES_SINK);
    }

    @Test
    void userFeaturesKeepEveryOperatorSoSavepointsMapOnto() {
        assertThat(uids(Map.of("model.features", "user"))).isEqualTo(uids(Map.of()));
    }

    @Test
    void aModelOfTheOtherFeatureSetIsRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        NetworkConfig sessionNetwork = new NetworkConfig(8, 3, 16);
        IntentNetwork network = IntentNetwork.create(sessionNetwork, 3);
        Path model = dir.resolve("session-model.zip");
        ModelFiles.save(model, network, new ModelUpdate(1, 0, sessionNetwork.hash(), 0L, network.params(), ""));
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:9",
                "model.path", model.toString(),
                "model.conv-channels", "8",
                "model.kernel", "3",
                "model.lstm-size", "16"));
        assertThat(IntentflowJob.initialModel(JobSettings.from(Configuration.fromMap(config))).configHash())
                .isEqualTo(sessionNetwork.hash());

        config.put("model.features", "user");
        assertThatThrownBy(() -> IntentflowJob.initialModel(JobSettings.from(Configuration.fromMap(config))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("model.path")
                .hasMessageContaining("trained on the session features but model.features is user");
    }

    /** The uids of the graph built on Kafka topics it never reaches: building connects to nothing. */
    private static Set<String> uids(Map<String, String> config) {
        Map<String, String> values = new HashMap<>(config);
        values.put("kafka.bootstrap.servers", "127.0.0.1:9");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        IntentflowJob.onKafka(JobSettings.from(Configuration.fromMap(values))).build(env);
        return env.getTransformations().stream()
                .flatMap(t -> t.getTransitivePredecessors().stream())
                .map(Transformation::getUid)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }
}
