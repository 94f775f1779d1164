package io.intentflow.tools.evaluate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.EventType;
import io.intentflow.tools.evaluate.ScoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoveoCartScoreTest {

    private static final EventType VIEW = EventType.VIEW;
    private static final EventType CART = EventType.ADD_TO_CART;

    @Test
    void weightedMicroF1AtTheFirstCartAndEveryOtherEventAfter() {
        List<ScoredEvent> events = new ArrayList<>();
        // a: cart at event 2; offset 0 predicted and bought (right), offset 2 the same (right).
        session(events, "a", 1, new Object[][] {{VIEW, 0.1, false}, {CART, 0.8, true}, {VIEW, 0.2, true}, {VIEW, 0.9, true}});
        // b: cart first; offset 0 predicted but not bought (wrong), offset 2 right.
        session(events, "b", 1, new Object[][] {{CART, 0.9, false}, {VIEW, 0.1, false}, {VIEW, 0.1, false}});
        // c: a gap (a purchase, not scored) before its cart: cut there, not measured.
        events.add(event("c", 1, VIEW, 0.9, true));
        events.add(event("c", 3, CART, 0.9, true));
        // d: began before the measured half (first event seen is its 5th): not measured.
        session(events, "d", 5, new Object[][] {{CART, 0.9, false}});
        // e: no cart: not measured.
        session(events, "e", 1, new Object[][] {{VIEW, 0.9, false}, {VIEW, 0.9, false}});
        // f: cart first, then 11 more events, every prediction right; offsets 1, 3, ... and 12 not measured.
        Object[][] f = new Object[12][];
        f[0] = new Object[] {CART, 0.0, false};
        for (int i = 1; i < f.length; i++) {
            f[i] = new Object[] {VIEW, 0.0, false};
        }
        session(events, "f", 1, f);

        CoveoCartScore score = CoveoCartScore.of(events, 0.7);

        assertThat(score.events()).isEqualTo(Map.of(0, 3, 2, 3, 4, 1, 6, 1, 8, 1, 10, 1));
        assertThat(score.microF1().get(0)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(score.microF1().get(2)).isEqualTo(1.0);
        // 1 * 2/3 + 0.9 + 0.8 + 0.7 + 0.6 + 0.5
        assertThat(score.weighted()).isCloseTo(2.0 / 3 + 3.5, within(1e-12));
    }

    @Test
    void everyPredictionRightScoresTheMaximum() {
        List<ScoredEvent> events = new ArrayList<>();
        Object[][] s = new Object[11][];
        for (int i = 0; i < s.length; i++) {
            s[i] = new Object[] {i == 0 ? CART : VIEW, 0.95, true};
        }
        session(events, "a", 1, s);
        assertThat(CoveoCartScore.of(events, 0.7).weighted()).isCloseTo(CoveoCartScore.MAX, within(1e-12));
    }

    private static void session(List<ScoredEvent> events, String user, int firstEventsSeen, Object[][] rows) {
        for (int i = 0; i < rows.length; i++) {
            events.add(event(user, firstEventsSeen + i, (EventType) rows[i][0], (double) rows[i][1], (boolean) rows[i][2]));
        }
    }

    private static ScoredEvent event(String user, int eventsSeen, EventType type, double score, boolean label) {
        return new ScoredEvent(user, user + "-0", eventsSeen, 1000L * eventsSeen, type, score, label, 1);
    }
}
