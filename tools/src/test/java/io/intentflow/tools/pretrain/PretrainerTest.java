package io.intentflow.tools.pretrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.tools.generate.BehaviourModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pretrainer gives {@code model.features: user} its starting model, from the simulated users' own histories. */
class PretrainerTest {

    @Test
    void simulatedSessionsCarryTheirUsersHistory() {
        List<SimulatedSessions.Session> sessions =
                SimulatedSessions.of(BehaviourModel.standard(), 7, 500, 20_000, Duration.ofMinutes(30), 64);

        assertThat(sessions).anySatisfy(s -> assertThat(s.user().sessions()).isGreaterThan(0));
        assertThat(sessions).anySatisfy(s -> assertThat(s.user().orders()).isGreaterThan(0));
        assertThat(sessions).allSatisfy(s -> {
            if (s.user().sessions() > 0) {
                assertThat(s.user().lastSessionTs()).isLessThan(s.events().get(0).ts());
            }
        });
    }

    @Test
    void trainsAModelOfUserFeaturesThatLoadsAsOne(@TempDir Path dir) throws Exception {
        NetworkConfig user = NetworkConfig.defaults().withFeatures(FeatureSet.USER);

        // What DefaultModel runs for the demo (60,000 clicks, 4 epochs): about 8 s.
        Pretrainer.Result result = Pretrainer.train(user, 11, 60_000, 4, dir.resolve("user.zip"));

        assertThat(ModelFiles.load(dir.resolve("user.zip")).network().config()).isEqualTo(user);
        assertThat(result.update().configHash()).isEqualTo(user.hash());
        assertThat(result.heldOutAuc()).as("as good as the session model's 0.97").isGreaterThan(0.9);
    }
}
