package io.intentflow.learn;

import static io.intentflow.Clicks.click;
import static io.intentflow.Clicks.minutes;
import static io.intentflow.Clicks.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.EventType;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.features.UserContext;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.records.Click;
import io.intentflow.records.IntentScore;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.Purchase;
import io.intentflow.records.SessionPrefix;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.score.ExplainSettings;
import io.intentflow.score.IntentScorer;
import io.intentflow.score.ScorerSettings;
import io.intentflow.session.SessionSettings;
import io.intentflow.session.Sessionizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The user's history reaches the model the same way when it scores and when it trains: clicks
 * through the job's sessionizer under {@code user} features, its updates to the scorer and to the
 * label joiner; each training example's inputs, featurized as the trainer does, give exactly the
 * score the scorer emitted for the prefix's last event.
 */
class UserFeaturesScoredAsTrainedTest {

    private static final NetworkConfig NETWORK = new NetworkConfig(8, 3, 16, FeatureSet.USER);
    private static final IntentNetwork MODEL = IntentNetwork.create(NETWORK, 4);

    @SuppressWarnings("unchecked")
    private static List<SessionSnapshot> sessionize(List<Click> clicks) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        OneInputTransformation<Click, SessionSnapshot> window =
                (OneInputTransformation<Click, SessionSnapshot>)
                        Sessionizer.sessionize(env.fromData(clicks, TypeInformation.of(Click.class)), SessionSettings.defaults(), FeatureSet.USER)
                                .getTransformation();
        try (var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        (OneInputStreamOperator<Click, SessionSnapshot>) window.getOperator(),
                        (KeySelector<Click, String>) window.getStateKeySelector(),
                        (TypeInformation<String>) window.getStateKeyType())) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
            harness.open();
            for (Click click : clicks) {
                harness.processElement(new StreamRecord<>(click, click.ts()));
            }
            return new ArrayList<>(harness.extractOutputValues());
        }
    }

    private static List<IntentScore> score(List<SessionSnapshot> updates) throws Exception {
        ScorerSettings settings = new ScorerSettings(NETWORK, 1, Duration.ZERO, 0.3, 0.7, Duration.ofMinutes(30), ExplainSettings.OFF);
        ModelUpdate model = new ModelUpdate(1, 0, NETWORK.hash(), 0L, MODEL.params(), "");
        try (var harness =
                new KeyedTwoInputStreamOperatorTestHarness<String, SessionSnapshot, ModelUpdate, IntentScore>(
                        new IntentScorer(settings, model), SessionSnapshot::userId, null, Types.STRING)) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
            harness.open();
            for (SessionSnapshot s : updates) {
                harness.processElement1(new StreamRecord<>(s, s.lastTs()));
            }
            return new ArrayList<>(harness.extractOutputValues());
        }
    }

    private static List<LabelledExample> label(List<SessionSnapshot> updates, Purchase order) throws Exception {
        try (var harness =
                new KeyedTwoInputStreamOperatorTestHarness<String, SessionSnapshot, Purchase, LabelledExample>(
                        new KeyedCoProcessOperator<>(new LabelJoiner(new LabelSettings(Duration.ofMinutes(30), 64))),
                        SessionSnapshot::userId, Purchase::userId, Types.STRING)) {
            harness.open();
            for (SessionSnapshot s : updates) {
                harness.processElement1(new StreamRecord<>(s, s.lastTs()));
            }
            harness.processElement2(new StreamRecord<>(order, order.ts()));
            return new ArrayList<>(harness.extractOutputValues());
        }
    }

    @Test
    void eachExampleCarriesTheHistoryItsEventWasScoredWith() throws Exception {
        List<Click> clicks = List.of(
                view("a1", "u1", minutes(0)),
                click("a2", "u1", EventType.ADD_TO_CART, minutes(1), 40.0),
                click("a3", "u1", EventType.PURCHASE, minutes(3), 40.0),
                view("b1", "u1", minutes(120)),
                view("b2", "u1", minutes(122)),
                click("b3", "u1", EventType.ADD_TO_CART, minutes(124), 25.0),
                view("b4", "u1", minutes(125)));
        List<SessionSnapshot> updates = sessionize(clicks);
        Map<String, Float> scoreByEvent = score(updates).stream().collect(Collectors.toMap(IntentScore::eventId, IntentScore::score));
        List<LabelledExample> examples = label(updates, new Purchase("o1", "u1", minutes(130), 25.0, new String[] {"i-b3"}, null));

        List<SessionPrefix> returning = examples.stream().map(LabelledExample::prefix).filter(p -> p.sessionId().equals("u1-" + minutes(120))).toList();
        assertThat(returning).hasSize(4);
        for (SessionPrefix prefix : returning) {
            assertThat(prefix.user()).isEqualTo(new UserContext(1, minutes(3), 40.0, 1, minutes(3)));
            String event = prefix.events()[prefix.events().length - 1].eventId();
            float trained = MODEL.scoreSequence(prefix.features(NETWORK.featureSet()));
            assertThat(scoreByEvent.get(event)).as("scored %s", event).isCloseTo(trained, within(1e-5f));
            float withoutHistory = MODEL.scoreSequence(
                    FeatureSet.USER.featurize(Arrays.asList(prefix.events()), prefix.firstPosition(), UserContext.NEW));
            assertThat(withoutHistory).as("the history moves the score").isNotCloseTo(trained, within(1e-5f));
        }
        assertThat(scoreByEvent).containsOnlyKeys(clicks.stream().map(Click::eventId).toList());
    }
}
