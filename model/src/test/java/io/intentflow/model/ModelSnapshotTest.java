package io.intentflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.snapshot.ModelUpdateCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSnapshotTest {

    private static final NetworkConfig CONFIG = new NetworkConfig(8, 3, 16);

    private static ModelUpdate update(IntentNetwork network, long version) {
        return new ModelUpdate(version, version - 1, CONFIG.hash(), 1_700_000_000_000L, network.params(), "{\"auc\":0.71}");
    }

    static float[][] sequence() {
        Random random = new Random(2);
        float[][] x = new float[6][CONFIG.features()];
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextFloat();
            }
        }
        return x;
    }

    @Test
    void aSavedModelLoadsWithTheSameScoresAndMetadata(@TempDir Path dir) throws Exception {
        IntentNetwork network = IntentNetwork.create(CONFIG, 9);
        Path zip = dir.resolve("model-v3.zip");

        ModelFiles.save(zip, network, update(network, 3));
        ModelFiles.StoredModel loaded = ModelFiles.load(zip);

        assertThat(Files.exists(dir.resolve("model-v3.json"))).isTrue();
        assertThat(loaded.update().version()).isEqualTo(3);
        assertThat(loaded.update().parentVersion()).isEqualTo(2);
        assertThat(loaded.update().configHash()).isEqualTo(CONFIG.hash());
        assertThat(loaded.update().metrics()).contains("0.71");
        assertThat(loaded.network().scoreSequence(sequence())).isEqualTo(network.scoreSequence(sequence()));
    }

    @Test
    void aModelKnowsItsFeatureSetAndOneSavedBeforeTheChoiceIsOfTheSessions(@TempDir Path dir) throws Exception {
        NetworkConfig user = CONFIG.withFeatures(FeatureSet.USER);
        IntentNetwork network = IntentNetwork.create(user, 9);
        Path userZip = dir.resolve("user.zip");
        ModelFiles.save(userZip, network, new ModelUpdate(1, 0, user.hash(), 0L, network.params(), ""));
        assertThat(ModelFiles.load(userZip).network().config()).isEqualTo(user);

        IntentNetwork old = IntentNetwork.create(CONFIG, 9);
        Path oldZip = dir.resolve("old.zip");
        ModelFiles.save(oldZip, old, update(old, 1));
        Path oldJson = dir.resolve("old.json");
        Files.writeString(oldJson, Files.readString(oldJson).replaceAll("\\s*\"features\"\\s*:\\s*\"session\",?", ""));
        assertThat(Files.readString(oldJson)).doesNotContain("features");
        assertThat(ModelFiles.load(oldZip).network().config().featureSet()).isEqualTo(FeatureSet.SESSION);
    }

    @Test
    void aModelWithoutItsMetadataIsRefused(@TempDir Path dir) throws Exception {
        IntentNetwork network = IntentNetwork.create(CONFIG, 9);
        Path zip = dir.resolve("m.zip");
        ModelFiles.save(zip, network, update(network, 1));
        Files.delete(dir.resolve("m.json"));

        assertThatThrownBy(() -> ModelFiles.load(zip)).isInstanceOf(IOException.class).hasMessageContaining("m.json");
    }

    @Test
    void theWireFormRoundTrips() throws Exception {
        IntentNetwork network = IntentNetwork.create(CONFIG, 9);
        ModelUpdate update = update(network, 5);

        ModelUpdate decoded = ModelUpdateCodec.decode(ModelUpdateCodec.encode(update));

        assertThat(decoded).usingRecursiveComparison().isEqualTo(update);
        assertThatThrownBy(() -> ModelUpdateCodec.decode(new byte[] {9, 1, 2})).isInstanceOf(IOException.class);
    }

    @Test
    void updatesThatCannotBeLiveAreRefusedWithTheReason() {
        IntentNetwork network = IntentNetwork.create(CONFIG, 9);
        long n = network.numParams();
        float[] params = network.params();

        assertThat(update(network, 2).problem(CONFIG, n, 1)).isEmpty();
        assertThat(new ModelUpdate(2, 1, "other", 0, params, "").problem(CONFIG, n, 1)).get().asString().contains("config hash");
        assertThat(new ModelUpdate(2, 1, CONFIG.hash(), 0, new float[3], "").problem(CONFIG, n, 1)).get().asString().contains("parameters");
        float[] poisoned = params.clone();
        poisoned[17] = Float.NaN;
        assertThat(new ModelUpdate(2, 1, CONFIG.hash(), 0, poisoned, "").problem(CONFIG, n, 1)).get().asString().contains("NaN");
        poisoned[17] = Float.POSITIVE_INFINITY;
        assertThat(new ModelUpdate(2, 1, CONFIG.hash(), 0, poisoned, "").problem(CONFIG, n, 1)).get().asString().contains("Infinity");
        assertThat(update(network, 1).problem(CONFIG, n, 1)).get().asString().contains("not newer");
    }

    @Test
    void theConfigHashFollowsTheSizes() {
        assertThat(new NetworkConfig(8, 3, 16).hash()).isEqualTo(CONFIG.hash());
        assertThat(new NetworkConfig(8, 3, 32).hash()).isNotEqualTo(CONFIG.hash());
    }
}
