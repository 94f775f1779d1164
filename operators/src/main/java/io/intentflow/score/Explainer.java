package io.intentflow.score;

import io.intentflow.model.SessionEvent;
import io.intentflow.model.explain.Occlusion;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.records.EventAttribution;
import io.intentflow.records.GroupAttribution;
import io.intentflow.records.IntentExplanation;
import io.intentflow.records.SessionSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Picks the scores of a batch to explain (a session entering the high band, or a sampled event)
 * and explains them together once the batch's scores are out, by {@link Occlusion} with the
 * model and the rings that scored them. No state of its own: the scorer says what each session
 * scored before.
 */
final class Explainer {

    private record Request(SessionSnapshot snapshot, float score, String band, String reason, StreamRecord<?> origin) {}

    private final ScorerSettings settings;
    private final List<Request> requests = new ArrayList<>();

    Explainer(ScorerSettings settings) {
        this.settings = settings;
    }

    /**
     * Asks for an explanation of {@code score} if it is one; {@code prior} is the session's score
     * before this update (NaN for its first), {@code origin} the update's record (for its
     * timestamp).
     */
    void consider(SessionSnapshot s, float score, float prior, StreamRecord<?> origin) {
        if (!settings.explain().enabled()) {
            return;
        }
        boolean entersHigh = score >= settings.highThreshold() && !(prior >= settings.highThreshold());
        String reason = entersHigh ? "high" : settings.explain().sampled(s.triggerEventId()) ? "sampled" : null;
        if (reason != null) {
            requests.add(new Request(s, score, settings.band(score), reason, origin));
        }
    }

    /** Explains what {@link #consider} asked for, with {@code network} at {@code version}, and forgets the batch. */
    List<StreamRecord<IntentExplanation>> explain(IntentNetwork network, long version, long now) {
        if (requests.isEmpty()) {
            return List.of();
        }
        List<Occlusion.Session> sessions = requests.stream()
                .map(r -> new Occlusion.Session(Arrays.asList(r.snapshot().recent()), ScoringBatch.firstPosition(r.snapshot()), r.snapshot().user()))
                .toList();
        List<Occlusion.Attribution> attributions = Occlusion.explain(network, sessions);
        List<StreamRecord<IntentExplanation>> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            IntentExplanation explanation = explanation(r, attributions.get(i), version, now);
            out.add(r.origin().hasTimestamp() ? new StreamRecord<>(explanation, r.origin().getTimestamp()) : new StreamRecord<>(explanation));
        }
        requests.clear();
        return out;
    }

    private IntentExplanation explanation(Request r, Occlusion.Attribution a, long version, long now) {
        SessionSnapshot s = r.snapshot();
        EventAttribution[] top = a.topEvents(settings.explain().topEvents()).stream()
                .map(i -> {
                    SessionEvent e = s.recent()[i];
                    return new EventAttribution(e.eventId(), e.type().wireName(), e.itemId(), ScoringBatch.firstPosition(s) + i, a.byEvent()[i]);
                })
                .toArray(EventAttribution[]::new);
        GroupAttribution[] groups = new GroupAttribution[a.groups().size()];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = new GroupAttribution(a.groups().get(g).wireName(), a.byGroup()[g]);
        }
        return new IntentExplanation(
                s.userId(), s.sessionId(), s.triggerEventId(), r.score(), r.band(), version, r.reason(), top, groups, s.trigger().ts(), now);
    }
}
