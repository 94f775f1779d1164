package io.intentflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.training.LabelledSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models saved in the network's earlier layouts load in the current one and score exactly as they
 * did: before the value head, and before the featurizer counted purchases earlier in the session.
 */
class EarlierLayoutTest {

    /** What the models below scored then: 6 events of 24 inputs (features-v1), random in [0, 1). */
    private static float[][] sequenceOfThen() {
        Random random = new Random(2);
        float[][] x = new float[6][EventFeaturizer.FEATURES - 1];
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextFloat();
            }
        }
        return x;
    }

    /** The same events now: the purchase count inserted, at a value the old model cannot have learned anything about. */
    private static float[][] sequenceOfNow() {
        return new LabelledSession(sequenceOfThen(), false).withInputAt(EventFeaturizer.PURCHASE_COUNT).features();
    }

    private static Path copied(Path dir, String name) throws Exception {
        for (String file : List.of(name + ".zip", name + ".json")) {
            Files.copy(Path.of(EarlierLayoutTest.class.getResource("/" + file).toURI()), dir.resolve(file));
        }
        return dir.resolve(name + ".zip");
    }

    private static float[][] withPurchases(float[][] sequence) {
        for (float[] row : sequence) {
            row[EventFeaturizer.PURCHASE_COUNT] = 0.9f;
        }
        return sequence;
    }

    /** features-v1-model.zip/.json: saved by the code of commit 251911e, the last before the purchase count (NetworkConfig.defaults(), seed 9). */
    @Test
    void aModelSavedBeforeThePurchaseCountScoresAsItDidAndIgnoresTheCount(@TempDir Path dir) throws Exception {
        Path zip = copied(dir, "features-v1-model");
        NetworkConfig config = NetworkConfig.defaults();

        ModelFiles.StoredModel loaded = ModelFiles.load(zip);

        assertThat(loaded.network().scoreSequence(sequenceOfNow())).as("its score then").isCloseTo(0.517256f, within(1e-6f));
        assertThat(loaded.network().scoreSequence(withPurchases(sequenceOfNow()))).isCloseTo(0.517256f, within(1e-6f));
        assertThat(loaded.network().valueTrained()).isTrue();
        assertThat(loaded.network().orderValue(loaded.network().recompute(sequenceOfNow()).states()[0])).isCloseTo(40.0, within(1e-4));
        assertThat(loaded.update().configHash()).isEqualTo(config.hash());
        assertThat(loaded.update().version()).isEqualTo(7);
        // The same network as a model update of then (a savepoint's, or the topic's) becomes the same.
        float[] then = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false).params().toFloatVector();
        ModelUpdate update = new ModelUpdate(7, 6, "6a03832388883479", 0L, then, "");
        ModelUpdate now = update.inLayoutOf(config);
        assertThat(now.configHash()).isEqualTo(config.hash());
        assertThat(now.params()).containsExactly(loaded.update().params());
        assertThat(now.problem(config, loaded.network().numParams(), 6)).isEmpty();
        ModelUpdate otherNetwork = new ModelUpdate(7, 6, "0123456789abcdef", 0L, then, "");
        assertThat(otherNetwork.inLayoutOf(config)).isSameAs(otherNetwork);
    }

    /** intent-only-model.zip/.json: saved by the code of commit 9ff6bdb, the last before the value head. */
    @Test
    void aModelSavedBeforeTheValueHeadScoresAsItDidWithAnUntrainedValueHead(@TempDir Path dir) throws Exception {
        Path zip = copied(dir, "intent-only-model");
        NetworkConfig config = new NetworkConfig(8, 3, 16);

        ModelFiles.StoredModel loaded = ModelFiles.load(zip);

        assertThat(loaded.network().scoreSequence(sequenceOfNow())).as("its score then").isCloseTo(0.5107589f, within(1e-6f));
        assertThat(loaded.network().valueTrained()).isFalse();
        assertThat(loaded.update().configHash()).isEqualTo(config.hash());
        assertThat(loaded.update().version()).isEqualTo(4);
        float[] then = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false).params().toFloatVector();
        ModelUpdate now = new ModelUpdate(4, 3, "f88141e9e6b13e84", 0L, then, "").inLayoutOf(config);
        assertThat(now.configHash()).isEqualTo(config.hash());
        assertThat(now.params()).containsExactly(loaded.update().params());
    }
}
