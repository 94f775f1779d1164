package io.intentflow.score;

import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.RecurrentState;
import io.intentflow.records.SessionChange;
import io.intentflow.records.SessionSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a batch of session updates with one model version. A session may have several updates
 * in the batch; they are scored in rounds, one update per session per round, so each advances
 * from the state its predecessor left. In a round, sessions whose carried state is exactly one
 * event behind advance one step together, in one forward call; the others (a new model version,
 * an event out of order, a merge, no state) are replayed from their rings together, in another.
 * No Flink here: the operator feeds it and stores what it returns.
 */
final class ScoringBatch {

    /** One session update; {@code before} is its session's state before the batch (null if none). */
    record Item(SessionSnapshot snapshot, SessionScoringState before) {}

    /** The score of one item and the state to keep; {@code recomputed} when the ring was replayed. */
    record Result(float score, SessionScoringState after, boolean recomputed) {}

    private final IntentNetwork network;
    private final FeatureSet features;
    private final long modelVersion;
    private final List<Item> items;
    private final Result[] results;

    private ScoringBatch(List<Item> items, IntentNetwork network, long modelVersion) {
        this.items = items;
        this.network = network;
        this.features = network.config().featureSet();
        this.modelVersion = modelVersion;
        this.results = new Result[items.size()];
    }

    /** The results in the order of {@code items}. */
    static List<Result> score(List<Item> items, IntentNetwork network, long modelVersion) {
        ScoringBatch batch = new ScoringBatch(items, network, modelVersion);
        batch.scoreInRounds();
        return Arrays.asList(batch.results);
    }

    private void scoreInRounds() {
        Map<String, ArrayDeque<Integer>> bySession = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            bySession.computeIfAbsent(items.get(i).snapshot().sessionId(), s -> new ArrayDeque<>()).add(i);
        }
        Map<String, SessionScoringState> state = new LinkedHashMap<>();
        while (!bySession.isEmpty()) {
            List<Integer> round = new ArrayList<>(bySession.size());
            for (ArrayDeque<Integer> queue : bySession.values()) {
                round.add(queue.poll());
            }
            bySession.values().removeIf(ArrayDeque::isEmpty);
            scoreRound(round, state);
        }
    }

    /**
     * Scores one update of each of the round's sessions: the ones that can advance a step in one
     * forward call, the ones to replay from their rings in another; {@code state} carries
     * sessions across rounds.
     */
    private void scoreRound(List<Integer> round, Map<String, SessionScoringState> state) {
        List<Integer> stepping = new ArrayList<>();
        List<float[]> inputs = new ArrayList<>();
        List<RecurrentState> carried = new ArrayList<>();
        List<Integer> replaying = new ArrayList<>();
        List<float[][]> rings = new ArrayList<>();
        for (int i : round) {
            SessionSnapshot s = items.get(i).snapshot();
            SessionScoringState before = state.containsKey(s.sessionId()) ? state.get(s.sessionId()) : items.get(i).before();
            boolean current = before != null && before.modelVersion() == modelVersion && before.fits(network.config());
            if (current && s.change() == SessionChange.DUPLICATE && before.events() == s.events()) {
                results[i] = new Result(before.lastScore(), before, false);
            } else if (s.change() == SessionChange.APPENDED && (current ? before.events() == s.events() - 1 : before == null && s.events() == 1)) {
                stepping.add(i);
                inputs.add(features.featurizeLast(Arrays.asList(s.recent()), firstPosition(s), s.user()));
                carried.add(current ? before.recurrent() : RecurrentState.initial(network.config()));
            } else {
                replaying.add(i);
                rings.add(features.featurize(Arrays.asList(s.recent()), firstPosition(s), s.user()));
            }
        }
        if (!stepping.isEmpty()) {
            keep(stepping, network.step(inputs.toArray(float[][]::new), carried.toArray(RecurrentState[]::new)), false);
        }
        if (!replaying.isEmpty()) {
            keep(replaying, network.recomputeAll(rings), true);
        }
        for (int i : round) {
            state.put(items.get(i).snapshot().sessionId(), results[i].after());
        }
    }

    /** The results of the items {@code indices}, in the order {@code passed} computed them. */
    private void keep(List<Integer> indices, IntentNetwork.Stepped passed, boolean recomputed) {
        for (int j = 0; j < indices.size(); j++) {
            int i = indices.get(j);
            SessionSnapshot s = items.get(i).snapshot();
            SessionScoringState after =
                    SessionScoringState.of(modelVersion, s.events(), s.lastTs(), passed.states()[j], passed.scores()[j]);
            results[i] = new Result(passed.scores()[j], after, recomputed);
        }
    }

    /** Where the ring starts in the session: past 0 once older events fell out of the ring. */
    static int firstPosition(SessionSnapshot s) {
        return s.events() - s.recent().length;
    }
}
