package io.intentflow.score;

import static io.intentflow.Clicks.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.Clicks;
import io.intentflow.SessionFolder;
import io.intentflow.model.EventType;
import io.intentflow.model.explain.FeatureGroup;
import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.records.Click;
import io.intentflow.records.GroupAttribution;
import io.intentflow.records.IntentExplanation;
import io.intentflow.records.IntentScore;
import io.intentflow.records.SessionSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scorer's explanations in Flink's harness: one per session entering the high band, with the
 * model version of the score that entered it, and none for the high scores after it.
 */
class ScorerExplanationsTest {

    private static final NetworkConfig NETWORK = new NetworkConfig(8, 3, 16);
    private static final IntentNetwork MODEL = IntentNetwork.create(NETWORK, 3);
    private static final long VERSION = 7;

    private final List<Click> clicks = new ArrayList<>();
    private final List<Float> fullPassScores = new ArrayList<>();
    private KeyedTwoInputStreamOperatorTestHarness<String, SessionSnapshot, ModelUpdate, IntentScore> harness;

    /** A session of views, carts, a search and a checkout, and what the full pass scores after each event. */
    @BeforeEach
    void session() {
        EventType[] types = {
            EventType.VIEW, EventType.VIEW, EventType.SEARCH, EventType.VIEW, EventType.ADD_TO_CART, EventType.VIEW,
            EventType.ADD_TO_CART, EventType.VIEW, EventType.CHECKOUT_START, EventType.VIEW, EventType.VIEW, EventType.VIEW};
        SessionFolder folder = new SessionFolder(64);
        for (int i = 0; i < types.length; i++) {
            Click click = Clicks.click("e" + i, "u1", types[i], minutes(i), 20.0 + i);
            clicks.add(click);
            SessionSnapshot s = folder.add(click);
            fullPassScores.add(MODEL.scoreSequence(EventFeaturizer.featurize(Arrays.asList(s.recent()), 0)));
        }
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void explainsOnlyTheScoresThatEnterTheHighBand() throws Exception {
        double high = thresholdCrossedAfterTheFirstEvent();
        scoreAll(new ExplainSettings(true, 0, 2), high);

        List<IntentScore> scores = harness.extractOutputValues();
        assertThat(scores.stream().filter(s -> s.band().equals("high")).count()).as("high scores").isGreaterThan(entering(high).size());
        List<IntentExplanation> explanations = explanations();
        assertThat(explanations).extracting(IntentExplanation::eventId).containsExactlyElementsOf(entering(high));
        for (IntentExplanation x : explanations) {
            IntentScore scored = scores.stream().filter(s -> s.eventId().equals(x.eventId())).findFirst().orElseThrow();
            assertThat(x.modelVersion()).isEqualTo(VERSION);
            assertThat(x.reason()).isEqualTo("high");
            assertThat(x.band()).isEqualTo("high");
            assertThat(x.score()).isEqualTo(scored.score());
            assertThat(x.topEvents()).hasSizeBetween(1, 2);
            assertThat(x.topEvents()[0].attribution()).isGreaterThanOrEqualTo(x.topEvents()[x.topEvents().length - 1].attribution());
            assertThat(x.groups()).extracting(GroupAttribution::group)
                    .containsExactlyElementsOf(FeatureGroup.of(FeatureSet.SESSION).stream().map(FeatureGroup::wireName).toList());
        }
    }

    @Test
    void sampledScoresAreExplainedBesides() throws Exception {
        double high = thresholdCrossedAfterTheFirstEvent();
        scoreAll(new ExplainSettings(true, 1.0, 5), high);

        assertThat(explanations()).hasSize(clicks.size());
        assertThat(explanations()).extracting(IntentExplanation::reason).contains("high", "sampled");
    }

    @Test
    void explainsNothingWhenSwitchedOff() throws Exception {
        scoreAll(new ExplainSettings(false, 1.0, 5), thresholdCrossedAfterTheFirstEvent());

        assertThat(harness.extractOutputValues()).hasSize(clicks.size());
        assertThat(explanations()).isEmpty();
    }

    /**
     * A high threshold half-way between two of the session's scores, clear of float noise, that
     * the session enters after its first event and stays above for more than one score.
     */
    private double thresholdCrossedAfterTheFirstEvent() {
        List<Float> sorted = fullPassScores.stream().sorted().toList();
        for (int i = 1; i < sorted.size(); i++) {
            double high = (sorted.get(i - 1) + sorted.get(i)) / 2.0;
            if (sorted.get(i) - sorted.get(i - 1) > 2e-4 && fullPassScores.get(0) < high && highScores(high) > entering(high).size()) {
                return high;
            }
        }
        throw new AssertionError("no threshold to cross in " + fullPassScores);
    }

    private long highScores(double high) {
        return fullPassScores.stream().filter(score -> score >= high).count();
    }

    /** The events whose score enters the band of {@code high}, by the full pass. */
    private List<String> entering(double high) {
        List<String> entering = new ArrayList<>();
        for (int i = 0; i < clicks.size(); i++) {
            if (fullPassScores.get(i) >= high && (i == 0 || fullPassScores.get(i - 1) < high)) {
                entering.add(clicks.get(i).eventId());
            }
        }
        return entering;
    }

    /** Every click through the scorer in batches of three (a session advances several times in one), then a barrier. */
    private void scoreAll(ExplainSettings explain, double high) throws Exception {
        ScorerSettings settings = new ScorerSettings(NETWORK, 3, Duration.ofHours(1), 0, high, Duration.ofMinutes(30), explain);
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(new IntentScorer(settings, null), SessionSnapshot::userId, null, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
        harness.processElement2(new StreamRecord<>(new ModelUpdate(VERSION, VERSION - 1, NETWORK.hash(), 0L, MODEL.params(), "")));
        SessionFolder folder = new SessionFolder(64);
        for (Click click : clicks) {
            harness.processElement1(new StreamRecord<>(folder.add(click), click.ts()));
        }
        harness.prepareSnapshotPreBarrier(1);
        List<IntentScore> scores = harness.extractOutputValues();
        for (int i = 0; i < scores.size(); i++) {
            // The threshold must not sit within float noise of a score, or the band would be a coin toss.
            assertThat(Math.abs(scores.get(i).score() - high)).isGreaterThan(1e-5);
            assertThat(scores.get(i).score()).isCloseTo(fullPassScores.get(i), within(1e-5f));
        }
    }

    private List<IntentExplanation> explanations() {
        Queue<StreamRecord<IntentExplanation>> out = harness.getSideOutput(IntentScorer.EXPLANATIONS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }
}
