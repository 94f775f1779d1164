package io.intentflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.network.RecurrentState;
import io.intentflow.model.training.LabelledSession;
import io.intentflow.model.training.SequenceTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequenceTrainerTest {

    private static final NetworkConfig CONFIG = new NetworkConfig(8, 3, 16);

    private static double lastStepLoss(IntentNetwork network, List<LabelledSession> examples) {
        double sum = 0;
        for (LabelledSession example : examples) {
            double p = Math.min(1 - 1e-7, Math.max(1e-7, network.scoreSequence(example.features())));
            sum += example.purchased() ? -Math.log(p) : -Math.log(1 - p);
        }
        return sum / examples.size();
    }

    @Test
    void aPurchaseNeverLeaksIntoItsOwnExample() {
        List<SessionEvent> events =
                List.of(
                        new SessionEvent("a", EventType.VIEW, 1_000_000_000_000L, "i", "c", 1),
                        new SessionEvent("b", EventType.PURCHASE, 1_000_000_001_000L, null, null, 1),
                        new SessionEvent("c", EventType.VIEW, 1_000_000_002_000L, "i", "c", 1));

        LabelledSession example = LabelledSession.of(events, 0).orElseThrow();

        assertThat(example.purchased()).isTrue();
        assertThat(example.features()).hasNumberOfRows(1);
        assertThat(LabelledSession.of(events.subList(1, 3), 0)).as("starts with the purchase").isEmpty();
    }

    /**
     * The label joiner's examples: a one-view prefix that nobody buys after, and the same view
     * followed by a cart that someone does. The cart's label says nothing about the view alone.
     */
    private static double viewAloneAfterLearning(SequenceTrainer.Supervision supervision, double[] viewThenCart) {
        SessionEvent view = new SessionEvent("v", EventType.VIEW, 1_714_550_400_000L, "i", "c", 20);
        SessionEvent cart = new SessionEvent("c", EventType.ADD_TO_CART, 1_714_550_420_000L, "i", "c", 20);
        float[][] viewed = EventFeaturizer.featurize(List.of(view), 0);
        float[][] carted = EventFeaturizer.featurize(List.of(view, cart), 0);
        List<LabelledSession> examples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            examples.add(new LabelledSession(viewed, false));
            examples.add(new LabelledSession(carted, true));
        }
        IntentNetwork network = IntentNetwork.create(CONFIG, 5);
        SequenceTrainer trainer = new SequenceTrainer(network, 64, supervision);
        for (int epoch = 0; epoch < 30; epoch++) {
            trainer.fitEpoch(examples, 1.0);
        }
        viewThenCart[0] = network.scoreSequence(carted);
        return network.scoreSequence(viewed);
    }

    @Test
    void aPrefixsLabelTeachesOnlyItsLastEventUnlessItIsTheWholeSessionsOutcome() {
        double[] viewThenCart = new double[1];

        double lastEvent = viewAloneAfterLearning(SequenceTrainer.Supervision.LAST_EVENT, viewThenCart);
        assertThat(viewThenCart[0]).as("the view then the cart").isGreaterThan(0.9);
        assertThat(lastEvent).as("the view alone, learned only from its own examples").isLessThan(0.1);

        // A whole session's outcome holds after its every event: the view learns the cart's label too.
        double everyEvent = viewAloneAfterLearning(SequenceTrainer.Supervision.EVERY_EVENT, viewThenCart);
        assertThat(everyEvent).as("the view alone, taught by both").isBetween(0.3, 0.7);
    }

    @Test
    void fittingLowersTheLossOnALearnableSignalAndKeepsTheStepPassExact() {
        Random random = new Random(17);
        List<LabelledSession> train = SyntheticSessions.of(random, 600);
        List<LabelledSession> test = SyntheticSessions.of(random, 200);
        IntentNetwork network = IntentNetwork.create(CONFIG, 5);
        SequenceTrainer trainer = new SequenceTrainer(network, 64, SequenceTrainer.Supervision.EVERY_EVENT);
        double before = lastStepLoss(network, test);
        double firstEpoch = trainer.fitEpoch(train, 2.0);

        double lastEpoch = firstEpoch;
        for (int epoch = 1; epoch < 20; epoch++) {
            lastEpoch = trainer.fitEpoch(train, 2.0);
        }

        assertThat(lastEpoch).as("training loss, first epoch %f", firstEpoch).isLessThan(firstEpoch);
        // After the whole prefix the outcome is determined: there the loss must fall clearly.
        assertThat(lastStepLoss(network, test)).as("held-out loss before %f", before).isLessThan(before * 0.75);
        float[][] sequence = test.get(0).features();
        RecurrentState state = RecurrentState.initial(CONFIG);
        float stepped = 0;
        for (float[] event : sequence) {
            IntentNetwork.Stepped s = network.step(new float[][] {event}, new RecurrentState[] {state});
            state = s.states()[0];
            stepped = s.scores()[0];
        }
        assertThat(stepped).isCloseTo(network.scoreSequence(sequence), within(1e-5f));
    }
}
