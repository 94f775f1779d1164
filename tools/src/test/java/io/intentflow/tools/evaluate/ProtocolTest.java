package io.intentflow.tools.evaluate;

import static io.intentflow.tools.evaluate.SessionUpdates.click;
import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.model.EventType;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.tools.evaluate.PurchaseLabels.Label;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protocol: labels, the time split, and which updates are scored events. */
class ProtocolTest {

    private static final long MINUTE = 60_000;

    @Test
    void aPurchaseStrictlyAfterAndWithinTheHorizonLabelsAnEvent() {
        PurchaseLabels labels = new PurchaseLabels(Duration.ofMinutes(30));
        labels.add("u1", 100 * MINUTE, 25.0);
        labels.add("u1", 200 * MINUTE, 0);
        labels.add("u1", 200 * MINUTE, 40.0);
        assertThat(labels.of("u1", 80 * MINUTE)).isEqualTo(new Label(true, 100 * MINUTE, 25.0));
        assertThat(labels.of("u1", 70 * MINUTE)).as("exactly at the horizon").isEqualTo(new Label(true, 100 * MINUTE, 25.0));
        assertThat(labels.of("u1", 69 * MINUTE)).as("beyond it").isEqualTo(new Label(false, 99 * MINUTE, Double.NaN));
        assertThat(labels.of("u1", 100 * MINUTE)).as("the purchase's own time").isEqualTo(new Label(false, 130 * MINUTE, Double.NaN));
        assertThat(labels.of("u1", 101 * MINUTE)).isEqualTo(new Label(false, 131 * MINUTE, Double.NaN));
        assertThat(labels.of("u1", 190 * MINUTE)).as("an order and its purchase click: the amount known").isEqualTo(new Label(true, 200 * MINUTE, 40.0));
        assertThat(labels.of("u2", 80 * MINUTE)).as("another user").isEqualTo(new Label(false, 110 * MINUTE, Double.NaN));
    }

    @Test
    void theOrderValueBaselineIsTheUsersRunningMeanElseTheShops() {
        OrderValues values = new OrderValues();
        values.add("u1", 100 * MINUTE, 20.0);
        values.add("u1", 200 * MINUTE, 40.0);
        values.add("u2", 150 * MINUTE, 90.0);
        values.add("u2", 160 * MINUTE, 0);

        assertThat(values.baseline("u1", 100 * MINUTE)).as("nothing before the shop's first order").isNaN();
        assertThat(values.baseline("u1", 101 * MINUTE)).isEqualTo(20.0);
        assertThat(values.baseline("u1", 201 * MINUTE)).isEqualTo(30.0);
        assertThat(values.baseline("u3", 151 * MINUTE)).as("a new user: the shop's mean so far").isEqualTo(55.0);
        assertThat(values.baseline("u3", 150 * MINUTE)).as("strictly before").isEqualTo(20.0);
        assertThat(values.baseline("u2", 170 * MINUTE)).as("an order without amount does not count").isEqualTo(90.0);
    }

    @Test
    void theSecondHalfOfEventTimeIsMeasured() {
        TimeSplit split = TimeSplit.halves(1000, 3000);
        assertThat(split.measuredFrom()).isEqualTo(2000);
        assertThat(split.measures(1999)).isFalse();
        assertThat(split.measures(2000)).isTrue();
    }

    @Test
    void purchasesAndDuplicatesAreNotScored() {
        List<SessionSnapshot> updates = SessionUpdates.of(List.of(
                click("e1", "u1", EventType.VIEW, 10 * MINUTE, "i1", "c1", 10),
                click("e2", "u1", EventType.ADD_TO_CART, 11 * MINUTE, "i1", "c1", 10),
                click("e2", "u1", EventType.ADD_TO_CART, 11 * MINUTE, "i1", "c1", 10),
                click("e3", "u1", EventType.PURCHASE, 12 * MINUTE, "i1", "c1", 10)));
        assertThat(updates.stream().map(ScoredEvent::isScored)).containsExactly(true, true, false, false);
    }

    @Test
    void anEventThatArrivedOutOfOrderIsScoredAsItself() {
        List<SessionSnapshot> updates = SessionUpdates.of(List.of(
                click("e1", "u1", EventType.VIEW, 10 * MINUTE, "i1", "c1", 10),
                click("e2", "u1", EventType.VIEW, 14 * MINUTE, "i2", "c1", 10),
                click("e3", "u1", EventType.ADD_TO_CART, 12 * MINUTE, "i1", "c1", 10)));
        ScoredEvent late = ScoredEvent.of(updates.get(2), 0.4, true, 3);
        assertThat(late).isEqualTo(new ScoredEvent("u1", "u1-" + 10 * MINUTE, 3, 12 * MINUTE, EventType.ADD_TO_CART, 0.4, true, 3));
    }
}
