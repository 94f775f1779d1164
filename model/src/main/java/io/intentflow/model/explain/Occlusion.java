package io.intentflow.model.explain;

import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.features.UserContext;
import io.intentflow.model.network.IntentNetwork;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Why a session scores what it scores, by occlusion: the session is scored again with each of
 * its events removed, and with each {@link FeatureGroup}'s columns set to their neutral value;
 * an attribution is how much the score drops without it (negative: the score rises). Every
 * variant of every session of a call runs through the network's replay pass together, the pass
 * the scorer recomputes sessions with (held equal to DL4J's full pass), on the network's current
 * parameters: faithful to that model by construction.
 *
 * <p>A removed event is gone, not blanked: the events after it are featurized again without it
 * (its cart, its repeat views, its dwell time), so its attribution holds what it did downstream.
 * A one-event session without its event is a single all-neutral input.
 */
public final class Occlusion {

    /** A session's ring as the scorer scored it. */
    public record Session(List<SessionEvent> events, int firstPosition, UserContext user) {

        /** This session without the events at {@code indices} of its ring. */
        public Session without(Collection<Integer> indices) {
            List<SessionEvent> kept = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                if (!indices.contains(i)) {
                    kept.add(events.get(i));
                }
            }
            return new Session(kept, firstPosition, user);
        }

        float[][] features(FeatureSet set) {
            return events.isEmpty() ? new float[1][set.features()] : set.featurize(events, firstPosition, user);
        }
    }

    /**
     * @param score the session's score, by the same pass as the variants
     * @param byEvent the drop without each event of the ring, in ring order
     * @param groups the feature groups of the model's feature set
     * @param byGroup the drop with each of {@code groups} occluded, in that order
     */
    public record Attribution(float score, float[] byEvent, List<FeatureGroup> groups, float[] byGroup) {

        /** Indices into the ring of the {@code k} events whose removal lowers the score most, most first. */
        public List<Integer> topEvents(int k) {
            return IntStream.range(0, byEvent.length)
                    .boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -byEvent[i]).thenComparing(i -> -i))
                    .limit(k)
                    .toList();
        }
    }

    private Occlusion() {}

    /** The attributions of each of {@code sessions} (none empty), in one batched replay of all their variants. */
    public static List<Attribution> explain(IntentNetwork network, List<Session> sessions) {
        FeatureSet set = network.config().featureSet();
        List<FeatureGroup> groups = FeatureGroup.of(set);
        List<float[][]> variants = new ArrayList<>();
        for (Session session : sessions) {
            float[][] features = session.features(set);
            variants.add(features);
            for (int i = 0; i < session.events().size(); i++) {
                variants.add(session.without(List.of(i)).features(set));
            }
            for (FeatureGroup group : groups) {
                variants.add(group.occlude(features));
            }
        }
        float[] scores = network.recomputeAll(variants).scores();
        List<Attribution> attributions = new ArrayList<>(sessions.size());
        int next = 0;
        for (Session session : sessions) {
            float score = scores[next++];
            float[] byEvent = new float[session.events().size()];
            for (int i = 0; i < byEvent.length; i++) {
                byEvent[i] = score - scores[next++];
            }
            float[] byGroup = new float[groups.size()];
            for (int g = 0; g < byGroup.length; g++) {
                byGroup[g] = score - scores[next++];
            }
            attributions.add(new Attribution(score, byEvent, groups, byGroup));
        }
        return attributions;
    }

    /** The score of each of {@code sessions} by the same pass: what a deletion test compares. */
    public static float[] score(IntentNetwork network, List<Session> sessions) {
        FeatureSet set = network.config().featureSet();
        return network.recomputeAll(sessions.stream().map(s -> s.features(set)).toList()).scores();
    }
}
