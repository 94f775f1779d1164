package io.intentflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.network.RecurrentState;
import io.intentflow.model.training.LabelledSession;
import io.intentflow.model.training.SequenceTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The value head: learns what a purchase is worth from what the session looked at, and says when it has not. */
class ValueHeadTest {

    private static final NetworkConfig CONFIG = new NetworkConfig(8, 3, 16);
    private static final double[] PRICE_TIERS = {5, 20, 80, 300};

    /**
     * Sessions that look at items of one price tier and buy when they cart; the order is worth
     * the carted item's price (give or take a fifth).
     */
    private static List<LabelledSession> priced(Random random, int count) {
        List<LabelledSession> out = new ArrayList<>();
        while (out.size() < count) {
            double tier = PRICE_TIERS[random.nextInt(PRICE_TIERS.length)];
            List<SessionEvent> events = new ArrayList<>();
            long ts = 1_714_550_400_000L;
            double carted = 0;
            int length = 2 + random.nextInt(8);
            for (int i = 0; i < length; i++) {
                double price = tier * (0.8 + 0.4 * random.nextDouble());
                EventType type = random.nextDouble() < 0.15 ? EventType.ADD_TO_CART : EventType.VIEW;
                if (type == EventType.ADD_TO_CART) {
                    carted = price;
                }
                events.add(new SessionEvent("e" + i, type, ts += 20_000, "i" + random.nextInt(20), "c1", price));
            }
            if (carted > 0) {
                events.add(new SessionEvent("p", EventType.PURCHASE, ts + 1000, null, null, carted));
            }
            LabelledSession.of(events, 0).ifPresent(out::add);
        }
        return out;
    }

    private static double orderValue(IntentNetwork network, LabelledSession session) {
        RecurrentState state = network.recompute(session.features()).states()[0];
        return network.orderValue(state);
    }

    @Test
    void learnsTheOrderValueFromWhatTheSessionLookedAtBesideTheIntent() {
        Random random = new Random(23);
        List<LabelledSession> train = priced(random, 1500);
        List<LabelledSession> test = priced(random, 600).stream().filter(LabelledSession::hasOrderValue).toList();
        IntentNetwork network = IntentNetwork.create(CONFIG, 5);
        SequenceTrainer trainer = new SequenceTrainer(network, 64, SequenceTrainer.Supervision.EVERY_EVENT);
        for (int epoch = 0; epoch < 15; epoch++) {
            trainer.fitEpoch(train, 2.0);
        }

        double mean = train.stream().filter(LabelledSession::hasOrderValue).mapToDouble(LabelledSession::orderValue).average().orElseThrow();
        double modelError = 0;
        double baselineError = 0;
        for (LabelledSession session : test) {
            modelError += Math.abs(orderValue(network, session) - session.orderValue());
            baselineError += Math.abs(mean - session.orderValue());
        }
        assertThat(network.valueTrained()).isTrue();
        LabelledSession first = test.get(0);
        assertThat(orderValue(network, first)).as("the scoring pass's value head, against DL4J's full pass")
                .isCloseTo(Math.expm1(Math.max(0, network.logValueSequence(first.features()))), within(1e-3 * first.orderValue()));
        assertThat(modelError / test.size())
                .as("mean absolute error against the mean order value's %.1f, on %d purchases", baselineError / test.size(), test.size())
                .isLessThan(0.5 * baselineError / test.size());
    }

    @Test
    void withoutAmountsTheHeadStaysUntrainedAndSaysSo() {
        IntentNetwork network = IntentNetwork.create(CONFIG, 5);
        List<LabelledSession> withoutAmounts =
                priced(new Random(3), 300).stream().map(s -> new LabelledSession(s.features(), s.purchased())).toList();

        new SequenceTrainer(network, 64, SequenceTrainer.Supervision.EVERY_EVENT).fitEpoch(withoutAmounts, 2.0);

        assertThat(network.valueTrained()).isFalse();
        assertThat(network.orderValue(network.recompute(withoutAmounts.get(0).features()).states()[0])).isNaN();
    }
}
