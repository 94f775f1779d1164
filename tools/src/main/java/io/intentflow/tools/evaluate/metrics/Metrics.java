package io.intentflow.tools.evaluate.metrics;

import io.intentflow.model.training.Auc;
import io.intentflow.model.training.AveragePrecision;
import io.intentflow.model.training.Evaluation;
import io.intentflow.tools.evaluate.EventColumns;
import io.intentflow.tools.evaluate.ScoredEvent;
import java.util.List;

/**
 * What the report says of one method on one set of events.
 *
 * @param auc the AUC ({@link Auc}), with {@code aucInterval} its bootstrap interval over users
 * @param sweep every threshold: the ROC and precision-recall curves
 * @param prAuc the area under the precision-recall curve as average precision ({@link AveragePrecision})
 * @param logLoss mean cross-entropy, scores clipped to [1e-7, 1 - 1e-7] ({@link Evaluation#logLoss})
 */
public record Metrics(
        int events,
        int positives,
        int users,
        double auc,
        Interval aucInterval,
        ThresholdSweep sweep,
        double prAuc,
        double logLoss,
        Calibration calibration,
        AtThreshold atThreshold) {

    public static Metrics of(List<ScoredEvent> events, double threshold, Bootstrap bootstrap) {
        EventColumns columns = EventColumns.of(events);
        double[] scores = columns.scores();
        boolean[] labels = columns.labels();
        Auc auc = new Auc(scores, labels);
        return new Metrics(
                scores.length,
                columns.positives(),
                (int) events.stream().map(ScoredEvent::userId).distinct().count(),
                auc.value(),
                bootstrap.auc(auc, columns.users()),
                ThresholdSweep.of(scores, labels),
                new AveragePrecision(scores, labels).value(),
                Evaluation.logLoss(scores, labels),
                Calibration.of(scores, labels),
                AtThreshold.of(scores, labels, threshold));
    }

    public double ece() {
        return calibration.ece();
    }

    public double f1() {
        return atThreshold.f1();
    }
}
