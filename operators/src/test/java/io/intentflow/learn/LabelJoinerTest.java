package io.intentflow.learn;

import static io.intentflow.Clicks.minutes;
import static io.intentflow.Clicks.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.Clicks;
import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.records.Click;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.Purchase;
import io.intentflow.records.SessionChange;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.SessionFolder;
import io.intentflow.model.features.FeatureSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabelJoinerTest {

    private static final Duration HORIZON = Duration.ofMinutes(30);

    private final SessionFolder session = new SessionFolder(64);
    private KeyedTwoInputStreamOperatorTestHarness<String, SessionSnapshot, Purchase, LabelledExample> harness;

    @BeforeEach
    void open() throws Exception {
        open(new LabelSettings(HORIZON, 64));
    }

    private void open(LabelSettings settings) throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new LabelJoiner(settings)), SessionSnapshot::userId, Purchase::userId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void click(Click click) throws Exception {
        update(session.add(click));
    }

    private void update(SessionSnapshot snapshot) throws Exception {
        harness.processElement1(new StreamRecord<>(snapshot, snapshot.lastTs()));
    }

    private void order(String user, long ts) throws Exception {
        order(user, ts, 10.0);
    }

    private void order(String user, long ts, double amount) throws Exception {
        harness.processElement2(new StreamRecord<>(new Purchase("o-" + ts, user, ts, amount, new String[] {"i1"}, null), ts));
    }

    /** A new joiner (horizon 30 minutes) from a snapshot among the test resources. */
    private void restoreFrom(String snapshot) throws Exception {
        harness.close();
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new LabelJoiner(new LabelSettings(HORIZON, 64))),
                        SessionSnapshot::userId, Purchase::userId, Types.STRING);
        harness.initializeState(OperatorSnapshotUtil.readStateHandle(Path.of(getClass().getResource(snapshot).toURI()).toString()));
        harness.open();
    }

    private List<LabelledExample> examples() {
        return harness.extractOutputValues();
    }

    /**
     * A savepoint from before prefixes carried the user's history: written by this harness at
     * commit eea1779 after views e1 (minute 0) and e2 (minute 5) of u1, a horizon of 30 minutes.
     */
    @Test
    void prefixesRestoredFromBeforeTheUserHistoryAreLabelledWithoutOne() throws Exception {
        restoreFrom("/label-joiner-before-user-features.snapshot");

        order("u1", minutes(20));

        assertThat(examples()).hasSize(2).allSatisfy(e -> {
            assertThat(e.purchased()).isTrue();
            assertThat(e.prefix().user()).isNull();
            assertThat(e.prefix().features(FeatureSet.SESSION)).hasNumberOfRows(e.prefix().events().length);
        });
    }

    @Test
    void prefixesBeforeAnOrderWithinTheHorizonArePositive() throws Exception {
        click(view("e1", "u1", minutes(0)));
        click(view("e2", "u1", minutes(5)));
        order("u1", minutes(20));

        assertThat(examples()).hasSize(2).allSatisfy(e -> {
            assertThat(e.purchased()).isTrue();
            assertThat(e.labelTs()).isEqualTo(minutes(20));
            assertThat(e.orderValue()).as("the order's amount").isEqualTo(10.0);
        });
        assertThat(examples()).extracting(e -> e.prefix().events().length).containsExactlyInAnyOrder(1, 2);
        assertThat(harness.numKeyedStateEntries()).as("only the recent purchase remains").isEqualTo(1);
    }

    @Test
    void aPrefixWithoutPurchaseIsNegativeWhenTheWatermarkPassesTheHorizon() throws Exception {
        click(view("e1", "u1", minutes(0)));
        harness.processBothWatermarks(new Watermark(minutes(29)));
        assertThat(examples()).isEmpty();

        harness.processBothWatermarks(new Watermark(minutes(30)));

        assertThat(examples()).singleElement().satisfies(e -> {
            assertThat(e.purchased()).isFalse();
            assertThat(e.labelTs()).isEqualTo(minutes(30));
            assertThat(e.orderValue()).isNaN();
        });
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aPurchaseClickLabelsThePrefixesBeforeItAndIsAnInputOfThoseAfterIt() throws Exception {
        click(view("e1", "u1", minutes(0)));
        click(Clicks.click("e2", "u1", EventType.ADD_TO_CART, minutes(1), 30.0));
        click(Clicks.click("e3", "u1", EventType.PURCHASE, minutes(2), 30.0));
        click(view("e4", "u1", minutes(3)));

        assertThat(examples()).hasSize(2).allMatch(LabelledExample::purchased)
                .as("the purchase click's price").allMatch(e -> e.orderValue() == 30.0);
        assertThat(examples()).flatExtracting(e -> List.of(e.prefix().events()))
                .noneMatch(event -> event.type() == EventType.PURCHASE);
        harness.processBothWatermarks(new Watermark(minutes(100)));
        assertThat(examples()).as("the prefix after the purchase holds it, and only what follows labels it").hasSize(3).last()
                .satisfies(e -> {
                    assertThat(e.purchased()).isFalse();
                    assertThat(e.prefix().events()).extracting(SessionEvent::type).contains(EventType.PURCHASE);
                });
    }

    @Test
    void aSecondPurchaseLabelsThePrefixesAfterTheFirst() throws Exception {
        click(view("e1", "u1", minutes(0)));
        click(Clicks.click("e2", "u1", EventType.PURCHASE, minutes(1), 30.0));
        click(view("e3", "u1", minutes(2)));
        click(view("e4", "u1", minutes(3)));
        click(Clicks.click("e5", "u1", EventType.PURCHASE, minutes(4), 12.0));

        assertThat(examples()).extracting(e -> e.prefix().events().length + " " + e.purchased() + " " + e.orderValue())
                .containsExactly("1 true 30.0", "3 true 12.0", "4 true 12.0");
    }

    @Test
    void aPurchaseClickArrivingOutOfOrderLabelsThePrefixesBeforeIt() throws Exception {
        click(view("e1", "u1", minutes(0)));
        click(view("e2", "u1", minutes(5)));
        click(view("e3", "u1", minutes(20)));
        SessionSnapshot inserted = session.add(Clicks.click("e4", "u1", EventType.PURCHASE, minutes(10), 30.0));
        assertThat(inserted.change()).isEqualTo(SessionChange.INSERTED);
        update(inserted);

        assertThat(examples()).hasSize(2).allSatisfy(e -> {
            assertThat(e.purchased()).isTrue();
            assertThat(e.labelTs()).isEqualTo(minutes(10));
        });
        assertThat(examples()).extracting(e -> e.prefix().events().length).containsExactlyInAnyOrder(1, 2);
        harness.processBothWatermarks(new Watermark(minutes(100)));
        assertThat(examples()).as("the prefix after the purchase, taken before it arrived, is labelled by what follows it")
                .hasSize(3).last().satisfies(e -> {
                    assertThat(e.purchased()).isFalse();
                    assertThat(e.prefix().prefixTs()).isEqualTo(minutes(20));
                });
        assertThat(examples()).flatExtracting(e -> List.of(e.prefix().events()))
                .noneMatch(event -> event.type() == EventType.PURCHASE);
    }

    @Test
    void aPurchaseClickBridgingTwoSessionsLabelsThePrefixesBeforeIt() throws Exception {
        SessionFolder later = new SessionFolder(64);
        click(view("a1", "u1", minutes(0)));
        update(later.add(view("b1", "u1", minutes(50))));
        SessionSnapshot bridged = session.bridge(later, Clicks.click("x", "u1", EventType.PURCHASE, minutes(25), 30.0));
        assertThat(bridged.change()).isEqualTo(SessionChange.MERGED);
        update(bridged);

        assertThat(examples()).singleElement().satisfies(e -> {
            assertThat(e.purchased()).isTrue();
            assertThat(e.prefix().prefixTs()).isEqualTo(minutes(0));
            assertThat(e.labelTs()).isEqualTo(minutes(25));
        });
        harness.processBothWatermarks(new Watermark(minutes(100)));
        assertThat(examples()).as("the later session's prefix is after the purchase").hasSize(2).last()
                .satisfies(e -> assertThat(e.purchased()).isFalse());
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anOrderSeenBeforeItsPrefixStillLabelsIt() throws Exception {
        order("u1", minutes(10), 42.5);
        click(view("e1", "u1", minutes(2)));

        assertThat(examples()).singleElement().satisfies(e -> {
            assertThat(e.purchased()).isTrue();
            assertThat(e.orderValue()).isEqualTo(42.5);
        });
    }

    @Test
    void anOrderWithoutAnAmountLabelsWithoutAnOrderValue() throws Exception {
        click(view("e1", "u1", minutes(0)));
        order("u1", minutes(5), 0.0);

        assertThat(examples()).singleElement().satisfies(e -> {
            assertThat(e.purchased()).isTrue();
            assertThat(e.orderValue()).as("0 is what the contract reads from a missing amount").isNaN();
            assertThat(e.featurized(FeatureSet.SESSION).hasOrderValue()).isFalse();
        });
    }

    /**
     * A savepoint from before purchases kept their amounts: written by this harness at commit
     * 9ff6bdb after an order of u1 at minute 10 and nothing else, a horizon of 30 minutes.
     */
    @Test
    void anOrderRestoredFromBeforeAmountsStillLabelsItsPrefixWithoutOne() throws Exception {
        restoreFrom("/label-joiner-before-order-values.snapshot");

        click(view("e1", "u1", minutes(2)));
        order("u1", minutes(12), 20.0);
        click(view("e2", "u1", minutes(11)));

        assertThat(examples()).hasSize(2);
        assertThat(examples().get(0)).satisfies(e -> {
            assertThat(e.purchased()).as("labelled by the restored order").isTrue();
            assertThat(e.labelTs()).isEqualTo(minutes(10));
            assertThat(e.orderValue()).isNaN();
        });
        assertThat(examples().get(1).orderValue()).as("a new order has its amount").isEqualTo(20.0);
        harness.processBothWatermarks(new Watermark(minutes(100)));
        assertThat(harness.numKeyedStateEntries()).as("the old purchase times are gone once read").isZero();
    }

    @Test
    void aLatePurchaseIsCountedAndItsPrefixWasAlreadyNegative() throws Exception {
        click(view("e1", "u1", minutes(0)));
        harness.processBothWatermarks(new Watermark(minutes(40)));
        order("u1", minutes(10));

        assertThat(examples()).singleElement().satisfies(e -> assertThat(e.purchased()).isFalse());
    }

    @Test
    void longSessionsGiveLogarithmicallyManyExamples() throws Exception {
        for (int i = 0; i < 64; i++) {
            click(view("e" + i, "u1", minutes(0) + i * 1000L));
        }
        harness.processBothWatermarks(new Watermark(minutes(100)));

        assertThat(examples()).extracting(e -> e.prefix().events().length).containsExactly(1, 2, 3, 4, 8, 16, 32, 64);
    }

    @Test
    void pendingPrefixesPerUserAreBounded() throws Exception {
        harness.close();
        open(new LabelSettings(HORIZON, 3));
        for (int i = 0; i < 4; i++) {
            click(view("e" + i, "u1", minutes(i)));
        }
        harness.processBothWatermarks(new Watermark(minutes(100)));

        assertThat(examples()).as("the oldest prefix was dropped").extracting(e -> e.prefix().events().length).containsExactly(2, 3, 4);
    }

    @Test
    void updatesThatDoNotMatterChangeNothingWhenDroppedBeforeTheJoiner() throws Exception {
        List<SessionSnapshot> updates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            updates.add(session.add(view("v" + i, "u1", minutes(i))));
        }
        updates.add(session.add(view("v3", "u1", minutes(3))));
        updates.add(session.add(Clicks.click("p", "u1", EventType.PURCHASE, minutes(10) + 1, 30.0)));
        for (int i = 20; i < 40; i++) {
            updates.add(session.add(view("v" + i, "u1", minutes(i))));
        }
        for (SessionSnapshot update : updates) {
            update(update);
        }
        harness.processBothWatermarks(new Watermark(minutes(200)));
        List<String> everyUpdate = summaries(examples());

        close();
        open();
        List<SessionSnapshot> kept = updates.stream().filter(LabelJoiner::matters).toList();
        for (SessionSnapshot update : kept) {
            update(update);
        }
        harness.processBothWatermarks(new Watermark(minutes(200)));

        assertThat(kept).as("most updates of a long session are dropped").hasSizeLessThan(updates.size() / 2);
        assertThat(everyUpdate).as("positives before the purchase and negatives after it").contains(
                "1 true", "8 true", "16 false");
        assertThat(summaries(examples())).isEqualTo(everyUpdate);
    }

    private static List<String> summaries(List<LabelledExample> examples) {
        return examples.stream().map(e -> e.prefix().events().length + " " + e.purchased()).toList();
    }
}
