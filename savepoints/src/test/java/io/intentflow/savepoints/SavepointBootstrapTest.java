package io.intentflow.savepoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intentflow.OperatorIds;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bootstrap a savepoint from a model file, read it back; refuse models that would not fit. */
class SavepointBootstrapTest {

    @TempDir Path dir;

    private Path modelFile(NetworkConfig network, long version) throws Exception {
        IntentNetwork net = IntentNetwork.create(network, 7);
        Path file = dir.resolve("model-v" + version + ".zip");
        ModelFiles.save(file, net, new ModelUpdate(version, 0, network.hash(), 1_700_000_000_000L, net.params(), ""));
        return file;
    }

    @Test
    void writesASavepointWhoseScorerAndTrainerStartFromTheModel() throws Exception {
        Path model = modelFile(NetworkConfig.defaults(), 4242);
        Path out = dir.resolve("bootstrapped");

        String report = BootstrapCli.run(new String[] {"--model", model.toString(), "--out", out.toString()});
        SavepointSummary summary = SavepointInspector.inspect(out.toString());

        assertThat(report).contains("model version 4242");
        assertThat(summary.model().version()).isEqualTo(4242);
        assertThat(summary.model().configHash()).isEqualTo(NetworkConfig.defaults().hash());
        assertThat(summary.model().parameters()).isEqualTo(ModelFiles.load(model).update().params().length);
        assertThat(summary.trainer()).isEqualTo(new SavepointSummary.Trainer(4242, NetworkConfig.defaults().hash(), 0, 0, 0, 0, false, false));
        assertThat(summary.openSessions()).isZero();
        assertThat(summary.pendingLabels()).isZero();
        assertThat(summary.operators()).containsExactlyInAnyOrder(
                new SavepointSummary.Operator(OperatorIds.SCORER, 1, 128),
                new SavepointSummary.Operator(OperatorIds.TRAINER, 1, 128));
        assertThat(InspectCli.run(new String[] {out.toString(), "--json"})).contains("\"version\":4242");
    }

    @Test
    void refusesAModelThatDoesNotFitTheJobsNetwork() throws Exception {
        Path small = modelFile(new NetworkConfig(8, 3, 16), 3);

        assertThatThrownBy(() -> BootstrapCli.run(new String[] {"--model", small.toString(), "--out", dir.resolve("x").toString()}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("model.conv-channels, model.kernel, model.lstm-size");
        assertThat(dir.resolve("x")).doesNotExist();
        String fitting = BootstrapCli.run(new String[] {
            "--model", small.toString(), "--out", dir.resolve("y").toString(),
            "--model.conv-channels", "8", "--model.kernel", "3", "--model.lstm-size", "16", "--max-parallelism", "256"});
        assertThat(fitting).contains("max parallelism 256");
    }

    @Test
    void refusesAModelAScorerWouldRefuse() throws Exception {
        Path unversioned = modelFile(NetworkConfig.defaults(), 0);

        assertThatThrownBy(() -> BootstrapCli.run(new String[] {"--model", unversioned.toString(), "--out", dir.resolve("z").toString()}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("a scorer would refuse");
    }
}
