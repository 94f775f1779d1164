package io.intentflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intentflow.ingest.ClickParser;
import io.intentflow.ingest.InputLimits;
import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.training.Auc;
import io.intentflow.records.Click;
import io.intentflow.records.RecordOrigin;
import io.intentflow.tools.generate.GeneratedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Judges scores of a simulated stream the way a shop would: each score against whether its user
 * bought within 30 minutes after it. Models are scored offline on every in-order click of the
 * stream's sessions, so that any two are compared on the same clicks.
 */
final class PurchaseJudge {

    /** A scored click: who, when, and the score. */
    record Scored(String userId, long ts, double score) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HORIZON_MS = Duration.ofMinutes(30).toMillis();
    private static final long GAP_MS = Duration.ofMinutes(30).toMillis();
    private static final int BATCH = 4096;
    private static final int RING = 64;

    private final List<GeneratedRecord> records;
    private final Map<String, TreeSet<Long>> purchases = new HashMap<>();

    PurchaseJudge(List<GeneratedRecord> records) {
        this.records = records;
        for (GeneratedRecord record : records) {
            if (record.kind() == GeneratedRecord.Kind.PURCHASE) {
                JsonNode order = json(record.value());
                purchases.computeIfAbsent(order.get("userId").asText(), u -> new TreeSet<>()).add(order.get("ts").asLong());
            }
        }
    }

    /** A model that never changes, scoring every in-order click on its session so far, in batches. */
    List<Scored> scoreOffline(IntentNetwork network) {
        ClickParser parser = new ClickParser(InputLimits.defaults());
        Map<String, List<SessionEvent>> sessions = new HashMap<>();
        List<Scored> scored = new ArrayList<>();
        List<Click> batch = new ArrayList<>();
        List<float[][]> sequences = new ArrayList<>();
        for (GeneratedRecord record : records) {
            if (record.kind() != GeneratedRecord.Kind.CLICK) {
                continue;
            }
            Click c = parser.parse(null, record.value(), new RecordOrigin("offline", 0, 0), System.currentTimeMillis()).click();
            List<SessionEvent> session = sessions.computeIfAbsent(c.userId(), u -> new ArrayList<>());
            if (!session.isEmpty() && c.ts() - session.get(session.size() - 1).ts() >= GAP_MS) {
                session.clear();
            }
            session.add(new SessionEvent(c.eventId(), c.type(), c.ts(), c.itemId(), c.categoryId(), c.price()));
            List<SessionEvent> ring = session.subList(Math.max(0, session.size() - RING), session.size());
            batch.add(c);
            sequences.add(EventFeaturizer.featurize(ring, session.size() - ring.size()));
            if (batch.size() == BATCH) {
                scoreBatch(network, batch, sequences, scored);
            }
        }
        scoreBatch(network, batch, sequences, scored);
        return scored;
    }

    /** AUC of the scores of clicks in [from, to) against "bought within the horizon after". */
    double auc(List<Scored> scored, long from, long to) {
        List<Scored> window = scored.stream().filter(s -> s.ts() >= from && s.ts() < to).toList();
        double[] scores = new double[window.size()];
        boolean[] labels = new boolean[window.size()];
        for (int i = 0; i < scores.length; i++) {
            Scored s = window.get(i);
            scores[i] = s.score();
            Long next = purchases.getOrDefault(s.userId(), new TreeSet<>()).higher(s.ts());
            labels[i] = next != null && next <= s.ts() + HORIZON_MS;
        }
        return Auc.of(scores, labels);
    }

    /** AUC over the whole stream. */
    double auc(List<Scored> scored) {
        return auc(scored, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static void scoreBatch(IntentNetwork network, List<Click> batch, List<float[][]> sequences, List<Scored> scored) {
        float[] scores = network.scoreLast(sequences);
        for (int i = 0; i < scores.length; i++) {
            scored.add(new Scored(batch.get(i).userId(), batch.get(i).ts(), scores[i]));
        }
        batch.clear();
        sequences.clear();
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
