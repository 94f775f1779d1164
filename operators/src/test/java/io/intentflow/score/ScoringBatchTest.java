package io.intentflow.score;

import static io.intentflow.Clicks.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.Clicks;
import io.intentflow.SessionFolder;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.records.SessionSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringBatchTest {

    private static final NetworkConfig NETWORK = NetworkConfig.defaults();

    @Test
    void aStateKeptByAnEarlierLayoutIsRecomputedNotStepped() {
        IntentNetwork network = IntentNetwork.create(NETWORK, 3);
        SessionFolder session = new SessionFolder(64);
        SessionSnapshot first = session.add(Clicks.view("e1", "u1", minutes(0)));
        SessionScoringState fresh = ScoringBatch.score(List.of(new ScoringBatch.Item(first, null)), network, 1).get(0).after();
        // As a savepoint of the layout before the purchase count kept it: one input fewer per carried event.
        SessionScoringState earlier = new SessionScoringState(
                1, fresh.events(), fresh.lastTs(), fresh.hidden(), fresh.cell(), new float[fresh.window().length - (NETWORK.kernel() - 1)], fresh.lastScore());
        SessionSnapshot second = session.add(Clicks.view("e2", "u1", minutes(1)));

        ScoringBatch.Result stepped = ScoringBatch.score(List.of(new ScoringBatch.Item(second, fresh)), network, 1).get(0);
        ScoringBatch.Result restored = ScoringBatch.score(List.of(new ScoringBatch.Item(second, earlier)), network, 1).get(0);

        assertThat(stepped.recomputed()).isFalse();
        assertThat(restored.recomputed()).isTrue();
        assertThat(restored.score()).isCloseTo(stepped.score(), within(1e-5f));
        assertThat(restored.after().fits(NETWORK)).isTrue();
    }
}
