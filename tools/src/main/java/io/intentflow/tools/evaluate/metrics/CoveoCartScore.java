package io.intentflow.tools.evaluate.metrics;

import io.intentflow.model.EventType;
import io.intentflow.tools.evaluate.ScoredEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The purchase-intent measure of the Coveo SIGIR eCom 2021 Data Challenge ("cart" task), as
 * defined in coveooss/SIGIR-ecom-data-challenge, README_DC_2021.md ("Cart") and
 * evaluation/evaluation.py ({@code cart_abandonment_metric}, {@code weighted_micro_f1}): the
 * micro-F1 of the binary purchase prediction at a session's first add-to-cart (AC) and 2, 4,
 * 6, 8 and 10 events after it, weighted 1, 0.9, 0.8, 0.7, 0.6 and 0.5 and summed (at most 4.5).
 * For one binary label per event, micro-F1 is the fraction predicted right, which is what the
 * challenge's code computes; an offset no session reaches is left out of the sum, as there.
 *
 * <p>Here: the prediction is "score at or above the threshold"; the label is each event's own.
 * Sessions are cut before their first purchase, as the challenge's test sessions were: a
 * session counts from its first event while its events seen run 1, 2, 3, ... without a gap (a
 * gap is an unscored purchase, or events before the measured half). Every offset of every
 * session is measured, where the challenge's test set held one offset per session.
 */
public record CoveoCartScore(double weighted, Map<Integer, Double> microF1, Map<Integer, Integer> events) {

    /** Weight per number of events after the first add-to-cart, as the challenge's code has them. */
    public static final Map<Integer, Double> WEIGHTS = Map.of(0, 1.0, 2, 0.9, 4, 0.8, 6, 0.7, 8, 0.6, 10, 0.5);

    /** The sum of the weights: every prediction right. */
    public static final double MAX = 4.5;

    public static CoveoCartScore of(List<ScoredEvent> events, double threshold) {
        Map<String, List<ScoredEvent>> sessions = new LinkedHashMap<>();
        for (ScoredEvent e : events) {
            sessions.computeIfAbsent(e.userId() + '\u0000' + e.sessionId(), s -> new ArrayList<>()).add(e);
        }
        Map<Integer, Integer> counted = new TreeMap<>();
        Map<Integer, Integer> correct = new TreeMap<>();
        for (List<ScoredEvent> session : sessions.values()) {
            session.sort(Comparator.comparingInt(ScoredEvent::eventsSeen));
            int firstCart = -1;
            for (int i = 0; i < session.size() && session.get(i).eventsSeen() == i + 1; i++) {
                ScoredEvent e = session.get(i);
                if (firstCart < 0 && e.type() == EventType.ADD_TO_CART) {
                    firstCart = i;
                }
                int offset = i - firstCart;
                if (firstCart >= 0 && WEIGHTS.containsKey(offset)) {
                    counted.merge(offset, 1, Integer::sum);
                    correct.merge(offset, (e.score() >= threshold) == e.label() ? 1 : 0, Integer::sum);
                }
            }
        }
        Map<Integer, Double> microF1 = new TreeMap<>();
        double weighted = 0;
        for (Map.Entry<Integer, Integer> entry : counted.entrySet()) {
            double f1 = (double) correct.get(entry.getKey()) / entry.getValue();
            microF1.put(entry.getKey(), f1);
            weighted += WEIGHTS.get(entry.getKey()) * f1;
        }
        return new CoveoCartScore(weighted, microF1, counted);
    }
}
