package io.intentflow.score;

import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.RecurrentState;
import io.intentflow.records.SessionChange;
import io.intentflow.records.SessionSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores a batch of session updates with one model version: sessions whose carried state is
 * exactly one event behind advance one step together, in one forward call; the others (a new
 * model version, an event out of order, a merge, no state) are recomputed from their ring.
 * No Flink here: the operator feeds it and stores what it returns.
 */
final class ScoringBatch {

    /** One session update and the state its session had before it (null if none). */
    record Item(SessionSnapshot snapshot, SessionScoringState before) {}

    /** The score of one item and the state to keep; {@code recomputed} when the ring was replayed. */
    record Result(float score, SessionScoringState after, boolean recomputed) {}

    private ScoringBatch() {}

    static List<Result> score(List<Item> items, IntentNetwork network, long modelVersion) {
        Result[] results = new Result[items.size()];
        List<Integer> stepping = new ArrayList<>();
        List<float[]> inputs = new ArrayList<>();
        List<RecurrentState> states = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            SessionSnapshot s = item.snapshot();
            SessionScoringState before = item.before();
            boolean current = before != null && before.modelVersion() == modelVersion;
            if (current && s.change() == SessionChange.DUPLICATE && before.events() == s.events()) {
                results[i] = new Result(before.lastScore(), before, false);
            } else if (s.change() == SessionChange.APPENDED && (current ? before.events() == s.events() - 1 : before == null && s.events() == 1)) {
                stepping.add(i);
                inputs.add(EventFeaturizer.featurizeLast(Arrays.asList(s.recent()), firstPosition(s)));
                states.add(current ? before.recurrent() : RecurrentState.initial(network.config()));
            } else {
                IntentNetwork.Stepped replayed = network.recompute(EventFeaturizer.featurize(Arrays.asList(s.recent()), firstPosition(s)));
                results[i] = new Result(replayed.scores()[0], state(modelVersion, s, replayed, 0), true);
            }
        }
        if (!stepping.isEmpty()) {
            IntentNetwork.Stepped stepped =
                    network.step(inputs.toArray(float[][]::new), states.toArray(RecurrentState[]::new));
            for (int j = 0; j < stepping.size(); j++) {
                SessionSnapshot s = items.get(stepping.get(j)).snapshot();
                results[stepping.get(j)] = new Result(stepped.scores()[j], state(modelVersion, s, stepped, j), false);
            }
        }
        return Arrays.asList(results);
    }

    /** The event time of the event an update is for. */
    static long eventTs(SessionSnapshot s) {
        for (SessionEvent event : s.recent()) {
            if (event.eventId().equals(s.triggerEventId())) {
                return event.ts();
            }
        }
        return s.lastTs();
    }

    private static SessionScoringState state(long version, SessionSnapshot s, IntentNetwork.Stepped stepped, int index) {
        return SessionScoringState.of(version, s.events(), s.lastTs(), stepped.states()[index], stepped.scores()[index]);
    }

    /** Where the ring starts in the session: past 0 once older events fell out of the ring. */
    private static int firstPosition(SessionSnapshot s) {
        return s.events() - s.recent().length;
    }
}
