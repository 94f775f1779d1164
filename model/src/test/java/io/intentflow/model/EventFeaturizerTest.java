package io.intentflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.features.EventFeaturizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventFeaturizerTest {

    private static final long NOON = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

    private static SessionEvent event(String id, EventType type, long ts, String item, String category, double price) {
        return new SessionEvent(id, type, ts, item, category, price);
    }

    private final List<SessionEvent> session =
            List.of(
                    event("e1", EventType.SEARCH, NOON, null, null, 0),
                    event("e2", EventType.VIEW, NOON + 10_000, "i1", "c1", 20.0),
                    event("e3", EventType.ADD_TO_CART, NOON + 40_000, "i1", "c1", 20.0),
                    event("e4", EventType.VIEW, NOON + 41_000, "i2", "c1", 35.0),
                    event("e5", EventType.CHECKOUT_START, NOON + 100_000, null, null, 20.0));

    @Test
    void encodesTypePriceGapAndRepeats() {
        float[][] x = EventFeaturizer.featurize(session, 0);

        assertThat(x).hasNumberOfRows(5);
        assertThat(x[0]).hasSize(EventFeaturizer.FEATURES);
        assertThat(x[2][EventType.ADD_TO_CART.ordinal()]).isEqualTo(1f);
        assertThat(x[2][7]).isCloseTo((float) (Math.log1p(20) / 6), within(1e-6f));
        assertThat(x[0][8]).as("no gap before the first event").isZero();
        assertThat(x[2][8]).isCloseTo((float) (Math.log1p(30) / 8), within(1e-6f));
        assertThat(x[2][9]).as("same item as before").isEqualTo(1f);
        assertThat(x[3][9]).isZero();
        assertThat(x[3][10]).as("same category as before").isEqualTo(1f);
        assertThat(x[2][11]).as("item seen once before").isCloseTo((float) (Math.log1p(1) / 3), within(1e-6f));
        assertThat(x[3][12]).as("category seen twice before").isCloseTo((float) (Math.log1p(2) / 3), within(1e-6f));
    }

    @Test
    void remembersTheSessionSoFarButNeverTheEventItself() {
        float[][] x = EventFeaturizer.featurize(session, 0);

        assertThat(x[2][16]).as("cart empty before the add").isZero();
        assertThat(x[3][16]).as("one item in the cart after it").isCloseTo((float) (Math.log1p(1) / 3), within(1e-6f));
        assertThat(x[3][17]).isCloseTo((float) (Math.log1p(20) / 6), within(1e-6f));
        assertThat(x[0][18]).as("searched before the search itself? no").isZero();
        assertThat(x[1][18]).isEqualTo(1f);
        assertThat(x[4][19]).as("checkout flag only after a checkout").isZero();
    }

    @Test
    void countsThePurchasesBeforeEachEvent() {
        List<SessionEvent> buysTwice = List.of(
                event("p1", EventType.VIEW, NOON, "i1", "c1", 20.0),
                event("p2", EventType.PURCHASE, NOON + 1_000, "i1", "c1", 20.0),
                event("p3", EventType.VIEW, NOON + 2_000, "i2", "c1", 30.0),
                event("p4", EventType.PURCHASE, NOON + 3_000, "i2", "c1", 30.0),
                event("p5", EventType.VIEW, NOON + 4_000, "i3", "c1", 30.0));

        float[][] x = EventFeaturizer.featurize(buysTwice, 0);

        assertThat(x[1][EventFeaturizer.PURCHASE_COUNT]).as("not the purchase itself").isZero();
        assertThat(x[2][EventFeaturizer.PURCHASE_COUNT]).isCloseTo((float) (Math.log1p(1) / 2), within(1e-6f));
        assertThat(x[4][EventFeaturizer.PURCHASE_COUNT]).isCloseTo((float) (Math.log1p(2) / 2), within(1e-6f));
        assertThat(EventFeaturizer.featurizeLast(buysTwice, 0)).containsExactly(x[4]);
    }

    @Test
    void positionAndTimeOfDay() {
        float[][] fromStart = EventFeaturizer.featurize(session, 0);
        float[][] later = EventFeaturizer.featurize(session, 100);

        assertThat(fromStart[0][13]).isZero();
        assertThat(later[0][13]).isCloseTo((float) (Math.log1p(100) / 4), within(1e-6f));
        assertThat(fromStart[0][14]).as("sine of noon").isCloseTo(0f, within(1e-5f));
        assertThat(fromStart[0][15]).as("cosine of noon").isCloseTo(-1f, within(1e-5f));
    }

    @Test
    void theLastEventAloneIsTheLastRowOfTheWhole() {
        assertThat(EventFeaturizer.featurizeLast(session, 7)).containsExactly(EventFeaturizer.featurize(session, 7)[4]);
    }

    @Test
    void theLastEventAloneMatchesTheWholeAtEveryLengthOfABusySession() {
        Random random = new Random(11);
        EventType[] types = EventType.values();
        List<SessionEvent> events = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String item = random.nextInt(5) == 0 ? null : "i" + random.nextInt(6);
            String category = item == null ? null : "c" + random.nextInt(3);
            events.add(event("e" + i, types[random.nextInt(types.length)], NOON + i * 7_000L, item, category, random.nextInt(50)));
            float[][] whole = EventFeaturizer.featurize(events, 3);

            assertThat(EventFeaturizer.featurizeLast(events, 3)).as("after %d events", i + 1).containsExactly(whole[i]);
        }
    }

    @Test
    void isDeterministicAndHashesCategoriesIntoOneBucket() {
        float[][] a = EventFeaturizer.featurize(session, 0);
        float[][] b = EventFeaturizer.featurize(session, 0);

        assertThat(a).isDeepEqualTo(b);
        float bucketSum = 0;
        for (int i = 20; i < 24; i++) {
            bucketSum += a[1][i];
        }
        assertThat(bucketSum).isEqualTo(1f);
    }
}
