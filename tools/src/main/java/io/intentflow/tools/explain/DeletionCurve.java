package io.intentflow.tools.explain;

import io.intentflow.model.explain.Occlusion;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.tools.datasets.DatasetRecord;
import io.intentflow.tools.evaluate.run.JobGraph;
import io.intentflow.tools.evaluate.run.SessionsAndLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Whether explanations are faithful to the model, on a dataset: over many sessions, the mean
 * score drop after deleting each session's {@code k} top-attributed events, against the drop
 * after deleting {@code k} random ones. A faithful method's top events matter more than chance.
 *
 * @param dropTop mean score drop, top-k attributed events deleted (NaN without sessions)
 * @param dropRandom mean score drop, k random events deleted (NaN without sessions)
 * @param best the highest-scoring session, to show one explanation; null without sessions
 */
public record DeletionCurve(int k, int sessions, double dropTop, double dropRandom, Occlusion.Session best, Occlusion.Attribution bestAttribution) {

    /** Sessions explained per batched call: bounds the variants held at once. */
    private static final int CHUNK = 100;

    /** Measures {@code network} on {@code sessions}; the random events are drawn from {@code seed}. */
    public static DeletionCurve measure(IntentNetwork network, List<Occlusion.Session> sessions, int k, long seed) {
        Random random = new Random(seed);
        double top = 0;
        double other = 0;
        Occlusion.Session best = null;
        Occlusion.Attribution bestAttribution = null;
        for (int from = 0; from < sessions.size(); from += CHUNK) {
            List<Occlusion.Session> chunk = sessions.subList(from, Math.min(sessions.size(), from + CHUNK));
            List<Occlusion.Attribution> attributions = Occlusion.explain(network, chunk);
            List<Occlusion.Session> withoutTop = new ArrayList<>();
            List<Occlusion.Session> withoutRandom = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                Occlusion.Session s = chunk.get(i);
                withoutTop.add(s.without(attributions.get(i).topEvents(k)));
                withoutRandom.add(s.without(randomIndices(random, s.events().size(), k)));
                if (bestAttribution == null || attributions.get(i).score() > bestAttribution.score()) {
                    best = s;
                    bestAttribution = attributions.get(i);
                }
            }
            float[] topScores = Occlusion.score(network, withoutTop);
            float[] randomScores = Occlusion.score(network, withoutRandom);
            for (int i = 0; i < chunk.size(); i++) {
                top += attributions.get(i).score() - topScores[i];
                other += attributions.get(i).score() - randomScores[i];
            }
        }
        int n = sessions.size();
        return new DeletionCurve(k, n, n == 0 ? Double.NaN : top / n, n == 0 ? Double.NaN : other / n, best, bestAttribution);
    }

    /**
     * The rings of every session of {@code records} (in event-time order) through the job's
     * session window, as of each session's latest event, for the sessions that end at or after
     * {@code from} and hold at least {@code minEvents} events in their ring.
     */
    public static List<Occlusion.Session> sessions(JobGraph job, Iterable<DatasetRecord> records, long from, int minEvents) throws Exception {
        Map<String, SessionSnapshot> latest = new LinkedHashMap<>();
        SessionsAndLabels.Downstream keep = new SessionsAndLabels.Downstream() {
            @Override
            public void update(StreamRecord<SessionSnapshot> update) {
                if (update.getValue().lastTs() >= from) {
                    latest.put(update.getValue().sessionId(), update.getValue());
                }
            }

            @Override
            public void example(LabelledExample example) {
                // Only the sessions matter here.
            }
        };
        try (SessionsAndLabels operators = new SessionsAndLabels(job, keep)) {
            for (DatasetRecord record : records) {
                operators.accept(record);
            }
        }
        return latest.values().stream()
                .filter(s -> s.recent().length >= minEvents)
                .map(s -> new Occlusion.Session(Arrays.asList(s.recent()), s.events() - s.recent().length, s.user()))
                .toList();
    }

    private static List<Integer> randomIndices(Random random, int size, int k) {
        List<Integer> all = IntStream.range(0, size).boxed().collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(all, random);
        return all.subList(0, k);
    }
}
