package io.intentflow.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.network.NetworkConfig.EarlierLayout;
import io.intentflow.model.training.LabelledSession;
import io.intentflow.model.training.LabelledSessionCodec;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainerStateTest {

    private static final NetworkConfig NETWORK = NetworkConfig.defaults();
    /** NETWORK's hash before the featurizer counted purchases in the session (features-v1). */
    private static final String FEATURES_V1 = "6a03832388883479";

    private static float[] random(int length, long seed) {
        Random random = new Random(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = random.nextFloat() - 0.5f;
        }
        return x;
    }

    @Test
    void aStateOfTheLayoutBeforeThePurchaseCountRestoresInTheCurrentOne() throws Exception {
        int v1Params = (int) IntentNetwork.create(NETWORK, 1).numParams() - NETWORK.convChannels() * NETWORK.kernel();
        float[][] v1Events = {random(EventFeaturizer.FEATURES - 1, 3), random(EventFeaturizer.FEATURES - 1, 4)};
        byte[] replay = LabelledSessionCodec.encode(List.of(new LabelledSession(v1Events, true, 12.0, 7)));
        TrainerState then = new TrainerState(
                9, FEATURES_V1, random(v1Params, 1), random(2 * v1Params, 2), 500, replay, LabelledSessionCodec.encode(List.of()),
                new LabelledExample[0], new float[0], "", random(v1Params, 5), random(2 * v1Params, 6));

        TrainerState now = then.inLayoutOf(NETWORK);

        assertThat(NETWORK.earlierLayout(FEATURES_V1)).contains(EarlierLayout.FEATURES_V1);
        assertThat(now.configHash()).isEqualTo(NETWORK.hash());
        assertThat(now.params()).containsExactly(IntentNetwork.inCurrentLayout(NETWORK, EarlierLayout.FEATURES_V1, then.params()));
        assertThat(now.learningParams()).containsExactly(IntentNetwork.inCurrentLayout(NETWORK, EarlierLayout.FEATURES_V1, then.learningParams()));
        assertThat(now.updaterState()).as("Adam's moments have the old layout").isEmpty();
        assertThat(now.learningUpdaterState()).isEmpty();
        assertThat(now.version()).isEqualTo(9);
        assertThat(now.examplesSeen()).isEqualTo(500);
        LabelledSession replayed = LabelledSessionCodec.decode(now.compactReplay()).get(0);
        assertThat(replayed.features()[1]).hasSize(EventFeaturizer.FEATURES);
        assertThat(replayed.features()[1][EventFeaturizer.PURCHASE_COUNT]).as("no purchase was in any prefix then").isZero();
        assertThat(replayed.features()[1][EventFeaturizer.PURCHASE_COUNT - 1]).isEqualTo(v1Events[1][EventFeaturizer.PURCHASE_COUNT - 1]);
        assertThat(replayed.purchased()).isTrue();
        assertThat(replayed.orderValue()).isEqualTo(12.0);
        assertThat(now.inLayoutOf(NETWORK)).isSameAs(now);
    }
}
