package io.intentflow.tools.evaluate.baselines;

import io.intentflow.records.SessionSnapshot;
import io.intentflow.tools.evaluate.PurchaseLabels.Label;
import io.intentflow.tools.evaluate.ScoredEvent;
import io.intentflow.tools.evaluate.TimeSplit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The ftrl, heuristic and gbdt baselines, run over the same session updates as the job, under the
 * same protocol, in one pass:
 *
 * <ul>
 *   <li>{@code ftrl} ({@link FtrlProximal} on {@link SessionFeatures}) learns online from the
 *       first event on, prequentially: it scores each event first, and learns from it once its
 *       label is known in event time (the purchase, or the horizon's end), as the job's trainer
 *       learns from the label joiner's examples;
 *   <li>{@code heuristic} is the fixed {@link CartRule};
 *   <li>{@code gbdt} ({@link Gbdt} on {@link SessionFeatures}) trains once, on the warm-up half's
 *       events whose labels are known before the measured half starts, and scores the measured
 *       half.
 * </ul>
 *
 * Only the measured half's scored events are kept ({@link TimeSplit#measures(SessionSnapshot)}).
 */
public final class Baselines {

    public static final String FTRL = "ftrl";
    public static final String HEURISTIC = "heuristic";
    public static final String GBDT = "gbdt";

    private record Held(double[] features, Label label) {}

    private final TimeSplit split;
    private final Gbdt.Settings gbdtSettings;
    private final FtrlProximal ftrl;
    /** Examples ftrl has scored, waiting until event time passes the moment their label is known. */
    private final PriorityQueue<Held> waiting = new PriorityQueue<>(Comparator.comparingLong((Held h) -> h.label().knownAt()));
    private final List<double[]> gbdtTrainFeatures = new ArrayList<>();
    private final List<Boolean> gbdtTrainLabels = new ArrayList<>();
    private final List<double[]> measuredFeatures = new ArrayList<>();
    private final List<ScoredEvent> ftrlScored = new ArrayList<>();
    private final List<ScoredEvent> heuristicScored = new ArrayList<>();
    private long clock = Long.MIN_VALUE;

    public Baselines(TimeSplit split, FtrlProximal.Settings ftrlSettings, Gbdt.Settings gbdtSettings) {
        this.split = split;
        this.gbdtSettings = gbdtSettings;
        this.ftrl = new FtrlProximal(SessionFeatures.NAMES.size(), ftrlSettings);
    }

    /**
     * One session update, in the order the job's session window emits them (event time); updates
     * that are not scored (purchases, duplicates) are passed over.
     *
     * @param label the label of the update's event ({@code PurchaseLabels.of(userId, event time)})
     */
    public void accept(SessionSnapshot update, Label label) {
        if (!ScoredEvent.isScored(update)) {
            return;
        }
        long eventTs = update.trigger().ts();
        clock = Math.max(clock, eventTs);
        while (!waiting.isEmpty() && waiting.peek().label().knownAt() <= clock) {
            Held known = waiting.poll();
            ftrl.learn(known.features(), known.label().purchased());
        }
        double[] features = SessionFeatures.of(update);
        double ftrlScore = ftrl.predict(features);
        waiting.add(new Held(features, label));
        if (split.measures(eventTs)) {
            ScoredEvent event = ScoredEvent.of(update, ftrlScore, label.purchased(), 0);
            ftrlScored.add(event);
            heuristicScored.add(event.withScore(CartRule.score(update), 0));
            measuredFeatures.add(features);
        } else if (label.knownAt() < split.measuredFrom()) {
            gbdtTrainFeatures.add(features);
            gbdtTrainLabels.add(label.purchased());
        }
    }

    /** Trains gbdt and scores the measured half with it: each baseline's scored events, in the order they came. */
    public Map<String, List<ScoredEvent>> finish() {
        boolean[] labels = new boolean[gbdtTrainLabels.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = gbdtTrainLabels.get(i);
        }
        List<ScoredEvent> gbdtScored = new ArrayList<>();
        try (Gbdt gbdt = Gbdt.train(gbdtTrainFeatures, labels, gbdtSettings)) {
            double[] scores = gbdt.score(measuredFeatures);
            for (int i = 0; i < scores.length; i++) {
                gbdtScored.add(heuristicScored.get(i).withScore(scores[i], 0));
            }
        }
        Map<String, List<ScoredEvent>> scored = new LinkedHashMap<>();
        scored.put(FTRL, List.copyOf(ftrlScored));
        scored.put(HEURISTIC, List.copyOf(heuristicScored));
        scored.put(GBDT, List.copyOf(gbdtScored));
        return scored;
    }
}
