package io.intentflow.tools.evaluate.metrics;

import io.intentflow.model.training.Auc;
import io.intentflow.model.training.AveragePrecision;
import io.intentflow.tools.evaluate.EventColumns;
import io.intentflow.tools.evaluate.ScoredEvent;
import java.util.List;

/**
 * How far the online model is ahead of another method on the same events: its AUC and PR-AUC
 * minus the other's (negative: behind), each with the percentile interval of the difference over
 * bootstrap replicates that draw the same users for both. Paired, so the part of each method's
 * spread that comes from which users happen to be in the data cancels: two methods' own
 * intervals can overlap while the interval of their difference excludes 0.
 */
public record Lead(double auc, Interval aucInterval, double prAuc, Interval prAucInterval) {

    public static Lead of(List<ScoredEvent> online, List<ScoredEvent> other, Bootstrap bootstrap) {
        Scored a = Scored.of(online);
        Scored b = Scored.of(other);
        return new Lead(
                a.auc.value() - b.auc.value(),
                bootstrap.difference(a.auc::weighted, a.users, b.auc::weighted, b.users),
                a.averagePrecision.value() - b.averagePrecision.value(),
                bootstrap.difference(a.averagePrecision::weighted, a.users, b.averagePrecision::weighted, b.users));
    }

    private record Scored(Auc auc, AveragePrecision averagePrecision, String[] users) {

        static Scored of(List<ScoredEvent> events) {
            EventColumns columns = EventColumns.of(events);
            return new Scored(
                    new Auc(columns.scores(), columns.labels()), new AveragePrecision(columns.scores(), columns.labels()), columns.users());
        }
    }
}
