package io.intentflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.network.RecurrentState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntentNetworkTest {

    private static final NetworkConfig CONFIG = new NetworkConfig(8, 3, 16);
    private static final float TOLERANCE = 1e-5f;

    private static float[][] randomSequence(Random random, int length) {
        return randomSequence(random, length, CONFIG);
    }

    private static float[][] randomSequence(Random random, int length, NetworkConfig config) {
        float[][] sequence = new float[length][config.features()];
        for (float[] event : sequence) {
            for (int f = 0; f < event.length; f++) {
                event[f] = (float) random.nextGaussian();
            }
        }
        return sequence;
    }

    @Test
    void steppingThroughASequenceGivesTheFullPassScoreAtEveryEvent() {
        IntentNetwork network = IntentNetwork.create(CONFIG, 11);
        Random random = new Random(5);
        for (int trial = 0; trial < 5; trial++) {
            float[][] sequence = randomSequence(random, 1 + random.nextInt(40));
            RecurrentState state = RecurrentState.initial(CONFIG);
            for (int t = 0; t < sequence.length; t++) {
                IntentNetwork.Stepped stepped =
                        network.step(new float[][] {sequence[t]}, new RecurrentState[] {state});
                state = stepped.states()[0];
                float[][] prefix = java.util.Arrays.copyOf(sequence, t + 1);
                assertThat(stepped.scores()[0]).isCloseTo(network.scoreSequence(prefix), within(TOLERANCE));
            }
        }
    }

    @Test
    void aBatchOfSessionsStepsAsEachWouldAlone() {
        IntentNetwork network = IntentNetwork.create(CONFIG, 3);
        Random random = new Random(9);
        float[][][] sessions = {randomSequence(random, 7), randomSequence(random, 2), randomSequence(random, 12)};
        RecurrentState[] states = new RecurrentState[sessions.length];
        float[][] next = new float[sessions.length][];
        for (int i = 0; i < sessions.length; i++) {
            states[i] = network.recompute(sessions[i]).states()[0];
            next[i] = randomSequence(random, 1)[0];
        }

        IntentNetwork.Stepped batch = network.step(next, states);

        for (int i = 0; i < sessions.length; i++) {
            float[][] extended = java.util.Arrays.copyOf(sessions[i], sessions[i].length + 1);
            extended[sessions[i].length] = next[i];
            assertThat(batch.scores()[i]).isCloseTo(network.scoreSequence(extended), within(TOLERANCE));
        }
    }

    @Test
    void recomputeGivesTheFullPassScoreAndAStateToGoOnFrom() {
        IntentNetwork network = IntentNetwork.create(CONFIG, 4);
        float[][] sequence = randomSequence(new Random(1), 20);

        IntentNetwork.Stepped recomputed = network.recompute(java.util.Arrays.copyOf(sequence, 19));
        IntentNetwork.Stepped last = network.step(new float[][] {sequence[19]}, recomputed.states());

        assertThat(recomputed.scores()[0]).isCloseTo(network.scoreSequence(java.util.Arrays.copyOf(sequence, 19)), within(TOLERANCE));
        assertThat(last.scores()[0]).isCloseTo(network.scoreSequence(sequence), within(TOLERANCE));
    }

    @Test
    void recomputingManySessionsAtOnceGivesEachItsFullPassScoreAndState() {
        IntentNetwork network = IntentNetwork.create(CONFIG, 6);
        Random random = new Random(2);
        // Lengths across power-of-two stretches and past 64 events per call, and enough sessions
        // that the rows per call cap the stretches.
        List<float[][]> sessions = new ArrayList<>();
        for (int length : new int[] {1, 2, 3, 5, 8, 13, 31, 32, 33, 64, 70}) {
            sessions.add(randomSequence(random, length));
        }
        for (int i = 0; i < 24; i++) {
            sessions.add(randomSequence(random, 40 + random.nextInt(25)));
        }

        IntentNetwork.Stepped replayed = network.recomputeAll(sessions);

        float[] full = network.scoreLast(sessions);
        float[][] next = new float[sessions.size()][];
        for (int i = 0; i < sessions.size(); i++) {
            assertThat(replayed.scores()[i]).isCloseTo(full[i], within(TOLERANCE));
            next[i] = randomSequence(random, 1)[0];
        }
        IntentNetwork.Stepped stepped = network.step(next, replayed.states());
        float[] fullExtended = network.scoreLast(extended(sessions, next));
        for (int i = 0; i < sessions.size(); i++) {
            assertThat(stepped.scores()[i]).isCloseTo(fullExtended[i], within(TOLERANCE));
        }
    }

    @Test
    void aBatchLargerThanOneCallStepsAsEachSessionWouldAlone() {
        IntentNetwork network = IntentNetwork.create(CONFIG, 8);
        Random random = new Random(4);
        int batch = 300;
        List<float[][]> sessions = new ArrayList<>();
        float[][] next = new float[batch][];
        for (int i = 0; i < batch; i++) {
            sessions.add(randomSequence(random, 1 + random.nextInt(6)));
            next[i] = randomSequence(random, 1)[0];
        }
        RecurrentState[] states = network.recomputeAll(sessions).states();

        IntentNetwork.Stepped stepped = network.step(next, states);

        float[] full = network.scoreLast(extended(sessions, next));
        for (int i = 0; i < batch; i++) {
            assertThat(stepped.scores()[i]).isCloseTo(full[i], within(TOLERANCE));
        }
    }

    /** Each session with its next event appended. */
    private static List<float[][]> extended(List<float[][]> sessions, float[][] next) {
        List<float[][]> extended = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            float[][] session = Arrays.copyOf(sessions.get(i), sessions.get(i).length + 1);
            session[sessions.get(i).length] = next[i];
            extended.add(session);
        }
        return extended;
    }

    @Test
    void newParametersReachTheScoringPasses() {
        IntentNetwork trained = IntentNetwork.create(CONFIG, 21);
        IntentNetwork network = IntentNetwork.create(CONFIG, 22);
        float[][] sequence = randomSequence(new Random(7), 12);
        network.recompute(sequence); // the scoring arrays exist before the parameters change

        network.setParams(trained.params());

        RecurrentState state = RecurrentState.initial(CONFIG);
        float score = 0;
        for (float[] event : sequence) {
            IntentNetwork.Stepped stepped = network.step(new float[][] {event}, new RecurrentState[] {state});
            state = stepped.states()[0];
            score = stepped.scores()[0];
        }
        assertThat(score).isCloseTo(trained.scoreSequence(sequence), within(TOLERANCE));
        assertThat(network.recompute(sequence).scores()[0]).isCloseTo(trained.scoreSequence(sequence), within(TOLERANCE));
    }

    @Test
    void otherKernelWidthsStepAsTheFullPass() {
        for (NetworkConfig config : new NetworkConfig[] {new NetworkConfig(4, 1, 8), new NetworkConfig(4, 5, 8)}) {
            IntentNetwork network = IntentNetwork.create(config, 13);
            float[][] sequence = randomSequence(new Random(3), 9, config);
            RecurrentState state = network.recompute(Arrays.copyOf(sequence, 4)).states()[0];
            for (int t = 4; t < sequence.length; t++) {
                IntentNetwork.Stepped stepped = network.step(new float[][] {sequence[t]}, new RecurrentState[] {state});
                state = stepped.states()[0];
                assertThat(stepped.scores()[0]).isCloseTo(network.scoreSequence(Arrays.copyOf(sequence, t + 1)), within(TOLERANCE));
            }
        }
    }

    @Test
    void parametersRoundTripAndDecideTheScores() {
        IntentNetwork a = IntentNetwork.create(CONFIG, 1);
        IntentNetwork b = IntentNetwork.create(CONFIG, 2);
        float[][] sequence = randomSequence(new Random(3), 10);
        assertThat(a.scoreSequence(sequence)).isNotEqualTo(b.scoreSequence(sequence));

        b.setParams(a.params());

        assertThat(b.scoreSequence(sequence)).isEqualTo(a.scoreSequence(sequence));
        assertThat(b.params()).containsExactly(a.params());
    }
}
