package io.intentflow.tools.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.model.explain.FeatureGroup;
import io.intentflow.model.explain.Occlusion;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.tools.datasets.DatasetFormat;
import io.intentflow.tools.datasets.DatasetRecord;
import io.intentflow.tools.evaluate.run.JobGraph;
import io.intentflow.tools.evaluate.run.LoadedDataset;
import io.intentflow.tools.evaluate.run.SessionsAndLabels;
import io.intentflow.tools.pretrain.Pretrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Occlusion explanations are faithful to the model that scored: removing what they name moves
 * the score, on real data and on a session whose answer is known.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ExplanationFaithfulnessTest {

    /** Where the shared data lives, from the module folder; {@code -Dintentflow.data=DIR} moves it. */
    private static final Path SAMPLE =
            Path.of(System.getProperty("intentflow.data", "../../shared/data"), "taobao-userbehavior", "UserBehavior.csv");
    private static final int K = 3;

    @TempDir
    Path dir;

    @Test
    void deletingTheTopAttributedEventsLowersTaobaoScoresMoreThanDeletingRandomOnes() throws Exception {
        assumeTrue(Files.isRegularFile(SAMPLE), "the Taobao sample is not at " + SAMPLE.toAbsolutePath() + ": skipped");
        LoadedDataset data = LoadedDataset.read(DatasetFormat.named("taobao"), SAMPLE, Long.MAX_VALUE);
        long middle = data.middleTs();
        // As evaluate's warm start: a model pretrained on the first half, explaining the second.
        Path model = dir.resolve("taobao.zip");
        Pretrainer.fromDataset(new Configuration(), data, middle, 1042, 2, model);
        IntentNetwork network = ModelFiles.load(model).network();
        List<Occlusion.Session> sessions = DeletionCurve.sessions(JobGraph.of(new Configuration(), null), data.records(), middle, 2 * K);
        assertThat(sessions).as("sessions of at least %d events in the second half", 2 * K).hasSizeGreaterThan(200);

        DeletionCurve curve = DeletionCurve.measure(network, sessions, K, 7);
        System.out.printf(Locale.ROOT, "deletion of %d events over %d Taobao sessions: mean drop top-attributed %.4f, random %.4f%n",
                K, curve.sessions(), curve.dropTop(), curve.dropRandom());
        print(curve.best(), curve.bestAttribution());

        assertThat(curve.dropTop()).as("mean score drop, top-%d attributed events deleted, vs %d random", K, K).isGreaterThan(curve.dropRandom());
        assertThat(curve.dropTop()).as("deleting the top events lowers the score").isPositive();
    }

    @Test
    void aHandBuiltSessionIsExplainedByItsCartAndCheckoutFirst() throws Exception {
        // The model the demo and deploy start from: pretrained on simulated sessions.
        Path model = dir.resolve("default.zip");
        Pretrainer.train(NetworkConfig.defaults(), 1042, 60_000, 4, model);
        IntentNetwork network = ModelFiles.load(model).network();
        long t = 1_714_557_600_000L;
        List<SessionEvent> events = List.of(
                new SessionEvent("v1", EventType.VIEW, t, "i1", "c1", 40),
                new SessionEvent("v2", EventType.VIEW, t + 30_000, "i2", "c1", 35),
                new SessionEvent("v3", EventType.VIEW, t + 70_000, "i3", "c2", 60),
                new SessionEvent("v4", EventType.VIEW, t + 100_000, "i1", "c1", 40),
                new SessionEvent("cart", EventType.ADD_TO_CART, t + 130_000, "i1", "c1", 40),
                new SessionEvent("checkout", EventType.CHECKOUT_START, t + 170_000, "i1", "c1", 40));

        Occlusion.Attribution a = Occlusion.explain(network, List.of(new Occlusion.Session(events, 0, null))).get(0);
        print(new Occlusion.Session(events, 0, null), a);

        assertThat(a.topEvents(2).stream().map(i -> events.get(i).eventId())).containsExactlyInAnyOrder("cart", "checkout");
        assertThat(a.byEvent()[4]).as("without the cart the score drops").isPositive();
        assertThat(a.byEvent()[5]).as("without the checkout the score drops").isPositive();
        assertThat(a.groups()).as("every column of the session features in one group").containsExactlyElementsOf(FeatureGroup.of(FeatureSet.SESSION));
    }

    /** What docs/model-and-learning.md shows: a real explanation. */
    private static void print(Occlusion.Session s, Occlusion.Attribution a) {
        System.out.printf(Locale.ROOT, "explained score %.4f over %d events%n", a.score(), s.events().size());
        for (int i : a.topEvents(5)) {
            SessionEvent e = s.events().get(i);
            System.out.printf(Locale.ROOT, "  event %s %s item %s position %d: %.4f%n",
                    e.eventId(), e.type().wireName(), e.itemId(), s.firstPosition() + i, a.byEvent()[i]);
        }
        for (int g = 0; g < a.groups().size(); g++) {
            System.out.printf(Locale.ROOT, "  group %s: %.4f%n", a.groups().get(g).wireName(), a.byGroup()[g]);
        }
    }
}
