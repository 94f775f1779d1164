package io.intentflow.tools.evaluate.run;

import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.records.IntentScore;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.tools.datasets.DatasetRecord;
import io.intentflow.tools.evaluate.OrderValues;
import io.intentflow.tools.evaluate.PurchaseLabels;
import io.intentflow.tools.evaluate.ScoredEvent;
import io.intentflow.tools.evaluate.TimeSplit;
import io.intentflow.tools.evaluate.baselines.Baselines;
import io.intentflow.tools.evaluate.baselines.FtrlProximal;
import io.intentflow.tools.evaluate.baselines.Gbdt;
import io.intentflow.tools.evaluate.metrics.ValueAccuracy;
import io.intentflow.tools.evaluate.report.EvaluationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * One prequential pass of the job's operators over a dataset: the session window and the label
 * joiner ({@link SessionsAndLabels}), the trainer ({@link RoundByRoundTrainer}) and three scorers,
 * each the job's {@code IntentScorer}: the online one, which takes every version the trainer
 * publishes the moment it is published, and two that never change (the starting model: {@code
 * frozen}; the simulator-pretrained model: {@code cold_start}). The baselines see the same updates
 * in the same order ({@link Baselines}).
 *
 * <p>Prequential by construction: an update reaches the scorers before anything derived from it
 * reaches the trainer, and a scorer scores what it holds before it applies a new version; the
 * joiner emits an example only once its label is known in event time (a purchase after it, or
 * the watermark past its horizon).
 */
public final class PrequentialRun implements SessionsAndLabels.Downstream, AutoCloseable {

    public static final String FROZEN = "frozen";
    public static final String COLD_START = "cold_start";

    /**
     * An update as the evaluation sees it: which one it was, its scored event if the second half
     * measures it, and what the purchase after it was worth if it was measured, labelled by a
     * purchase of known amount (null otherwise).
     */
    private record Row(String sessionId, String eventId, ScoredEvent measured, OrderTarget order) {}

    /** The purchase that labels a measured update, its amount, and the baseline's guess of it then. */
    private record OrderTarget(long purchaseTs, double realised, double baseline) {}

    private final TimeSplit split;
    private final PurchaseLabels labels;
    private final OrderValues orderValues;
    /** The online model's order value of each purchasing session, by session and purchase: the last update before it. */
    private final Map<String, ValueAccuracy.Prediction> valuePredictions = new LinkedHashMap<>();
    private final long learnFrom;
    private final int flushEvery;
    private final SessionsAndLabels operators;
    private final RoundByRoundTrainer trainer;
    private final Map<String, Scorer> scorers = new LinkedHashMap<>();
    private final Map<String, List<IntentScore>> scores = new LinkedHashMap<>();
    private final Baselines baselines;
    private final List<Row> rows = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;
    private long versionsPublished;

    /**
     * @param conf the job's configuration; training must be on, with {@code train.cpu-share} 1
     * @param start the model file the online model starts from, and the frozen row's model
     * @param coldStart the simulator-pretrained model file, scored as the {@code cold_start} row
     * @param learnFrom the trainer learns from examples whose label is known at or after this
     *     event time: the split, where {@code start} was pretrained on the first half's labels
     */
    public PrequentialRun(
            Configuration conf, TimeSplit split, PurchaseLabels labels, OrderValues orderValues, Path start, Path coldStart, long learnFrom)
            throws Exception {
        JobGraph online = JobGraph.of(conf, start);
        this.split = split;
        this.labels = labels;
        this.orderValues = orderValues;
        this.learnFrom = learnFrom;
        this.flushEvery = online.settings().scorer().batchSize();
        this.operators = new SessionsAndLabels(online, this);
        this.trainer = new RoundByRoundTrainer(online);
        // Each scorer of its own job graph: an operator object runs in one harness only.
        Map<String, JobGraph> graphs = new LinkedHashMap<>();
        graphs.put(EvaluationReport.ONLINE, online);
        graphs.put(FROZEN, JobGraph.of(conf, start));
        graphs.put(COLD_START, JobGraph.of(conf, coldStart));
        for (Map.Entry<String, JobGraph> method : graphs.entrySet()) {
            scorers.put(method.getKey(), new Scorer(method.getValue()));
            scores.put(method.getKey(), new ArrayList<>());
        }
        this.baselines = new Baselines(split, FtrlProximal.Settings.defaults(), Gbdt.Settings.defaults());
    }

    public void accept(DatasetRecord record) throws Exception {
        watermark = Math.max(watermark, record.ts() - 1);
        operators.accept(record);
    }

    @Override
    public void update(StreamRecord<SessionSnapshot> update) throws Exception {
        SessionSnapshot s = update.getValue();
        PurchaseLabels.Label label = labels.of(s.userId(), s.trigger().ts());
        baselines.accept(s, label);
        boolean measured = split.measures(s);
        OrderTarget order = measured && label.purchased() && Double.isFinite(label.amount())
                ? new OrderTarget(label.knownAt(), label.amount(), orderValues.baseline(s.userId(), s.trigger().ts()))
                : null;
        rows.add(new Row(s.sessionId(), s.triggerEventId(), measured ? ScoredEvent.of(s, 0, label.purchased(), 0) : null, order));
        for (Map.Entry<String, Scorer> scorer : scorers.entrySet()) {
            // A record of its own: the scorer replaces the record's value with its score.
            scores.get(scorer.getKey()).addAll(scorer.getValue().score(update.copy(s)));
        }
        if (rows.size() % flushEvery == 0) {
            // The scorers' watermark: they flush their batch (full by now) and drop ended sessions.
            for (Map.Entry<String, Scorer> scorer : scorers.entrySet()) {
                scores.get(scorer.getKey()).addAll(scorer.getValue().advance(watermark));
            }
        }
    }

    @Override
    public void example(LabelledExample example) throws Exception {
        if (example.labelTs() < learnFrom) {
            return;
        }
        for (ModelUpdate version : trainer.learn(example)) {
            versionsPublished++;
            scores.get(EvaluationReport.ONLINE).addAll(scorers.get(EvaluationReport.ONLINE).apply(version));
        }
    }

    /** Every method's scored events of the second half, by method: {@code online} first, then frozen, cold_start and the baselines. */
    public Map<String, List<ScoredEvent>> finish() throws Exception {
        if (operators.lateClicks() > 0) {
            throw new IllegalStateException(operators.lateClicks() + " clicks were late: the records were not in event-time order");
        }
        Map<String, List<ScoredEvent>> methods = new LinkedHashMap<>();
        for (Map.Entry<String, Scorer> scorer : scorers.entrySet()) {
            List<IntentScore> scored = scores.get(scorer.getKey());
            scored.addAll(scorer.getValue().advance(Long.MAX_VALUE));
            methods.put(scorer.getKey(), measured(scorer.getKey(), scored));
        }
        methods.putAll(baselines.finish());
        return methods;
    }

    /**
     * How well the online model's value head predicted purchasing sessions' order values, against
     * the running mean order value; empty where the data has no amounts. After {@link #finish}.
     */
    public Optional<ValueAccuracy> valueAccuracy() {
        return ValueAccuracy.of(List.copyOf(valuePredictions.values()));
    }

    public int rounds() {
        return trainer.rounds();
    }

    public long versionsPublished() {
        return versionsPublished;
    }

    /** The scores of the measured updates: a scorer's scores come out in the order its updates went in. */
    private List<ScoredEvent> measured(String method, List<IntentScore> scored) {
        if (scored.size() != rows.size()) {
            throw new IllegalStateException(method + " scored " + scored.size() + " of " + rows.size() + " session updates");
        }
        List<ScoredEvent> events = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            IntentScore score = scored.get(i);
            if (!row.sessionId().equals(score.sessionId()) || !row.eventId().equals(score.eventId())) {
                throw new IllegalStateException(method + "'s score " + i + " is of " + score.eventId() + ", not of " + row.eventId());
            }
            if (row.measured() != null) {
                events.add(row.measured().withScore(score.score(), score.modelVersion()));
            }
            if (row.order() != null && method.equals(EvaluationReport.ONLINE)) {
                double predicted = score.value() == null ? Double.NaN : score.value() / score.score();
                valuePredictions.put(
                        row.sessionId() + "@" + row.order().purchaseTs(),
                        new ValueAccuracy.Prediction(predicted, row.order().realised(), row.order().baseline()));
            }
        }
        return events;
    }

    @Override
    public void close() throws Exception {
        try (operators; trainer) {
            for (Scorer scorer : scorers.values()) {
                scorer.close();
            }
        }
    }
}
