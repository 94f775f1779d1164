package io.intentflow.score;

import io.intentflow.RestoredModelCheck;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.records.IntentExplanation;
import io.intentflow.records.IntentScore;
import io.intentflow.records.SessionSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Scores every session update with the live model, in micro-batches across users.
 *
 * <p>Input 1: session updates, keyed by user. Input 2: model updates, broadcast to every task.
 * Per open session it keeps the network's carried state, tagged with the model version that
 * computed it, and advances it one step per event; see {@link ScoringBatch} for when a session
 * is recomputed from its ring instead.
 *
 * <p>A raw operator rather than a function because a batch spans many keys and must be flushed
 * before every checkpoint barrier: what is scored is emitted before the barrier, so the scores
 * are exactly-once with a transactional sink. A batch is also flushed when it is full, after
 * {@code maxWait}, before a watermark, before a model change, and at the end of input.
 *
 * <p>A session may have several updates in one batch: they advance its state in order within
 * the batch ({@link ScoringBatch}), so a busy session never forces a flush. One timer service
 * serves both clocks: a processing-time timer bounds how long a batch waits, and an event-time
 * timer per open session drops its carried state once it can no longer change.
 *
 * <p>Scores to explain ({@link Explainer}) are explained once their batch's scores are out, all
 * in one batched pass with the model version and the rings that scored them, to the side output
 * {@link #EXPLANATIONS}: off the per-event path, and within the same flush, so before the barrier.
 *
 * <p>Each score carries the session's expected order value ({@link IntentScore#value}) from the
 * same pass: the value head is one dot product over the LSTM's output the score came from.
 *
 * <p>Until a first model is live (from the job's model file or the update stream) no score is
 * emitted: updates are counted as {@code unscoredWithoutModel}; each session recomputes from its
 * ring at its first event after the model arrives.
 */
public class IntentScorer extends AbstractStreamOperator<IntentScore>
        implements TwoInputStreamOperator<SessionSnapshot, ModelUpdate, IntentScore>, Triggerable<String, VoidNamespace> {

    private static final long serialVersionUID = 1L;

    /** Per user: the carried state of each open session; cleared by the session-expiry timer. */
    public static final MapStateDescriptor<String, SessionScoringState> SESSIONS =
            new MapStateDescriptor<>("open sessions", Types.STRING, TypeInformation.of(SessionScoringState.class));

    /** The live model, the same on every task, under {@link #LIVE}; survives savepoints. */
    public static final MapStateDescriptor<String, ModelUpdate> LIVE_MODEL =
            new MapStateDescriptor<>("live model", Types.STRING, TypeInformation.of(ModelUpdate.class));

    /** Explanations of the scores that entered the high band or were sampled. */
    public static final OutputTag<IntentExplanation> EXPLANATIONS =
            new OutputTag<>("intent-explanations", TypeInformation.of(IntentExplanation.class));

    /** The one key of {@link #LIVE_MODEL}. */
    public static final String LIVE = "live";

    private final ScorerSettings settings;
    private final ModelUpdate initialModel;

    private transient MapState<String, SessionScoringState> sessions;
    private transient BroadcastState<String, ModelUpdate> liveModelState;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient LiveModel model;
    private transient ScorerMetrics metrics;
    private transient Explainer explainer;
    private transient List<StreamRecord<SessionSnapshot>> pending;
    private transient boolean restored;

    /** @param initialModel the model to start from when no model was restored; may be null */
    public IntentScorer(ScorerSettings settings, ModelUpdate initialModel) {
        this.settings = settings;
        this.initialModel = initialModel;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        liveModelState = context.getOperatorStateStore().getBroadcastState(LIVE_MODEL);
        restored = context.isRestored();
    }

    @Override
    public void open() throws Exception {
        super.open();
        sessions = getPartitionedState(SESSIONS);
        // The name is the timers' state in savepoints, so it stays although batches use it too.
        timers = getInternalTimerService("session-expiry", VoidNamespaceSerializer.INSTANCE, this);
        model = new LiveModel(settings.network());
        metrics = new ScorerMetrics(getMetricGroup(), model::version);
        pending = new ArrayList<>();
        explainer = new Explainer(settings);
        if (restored) {
            metrics.sessionsRestored(countSessions());
        }
        ModelUpdate restoredModel = liveModelState.get(LIVE);
        if (restoredModel != null) {
            restoredModel = restoredModel.inLayoutOf(settings.network());
            RestoredModelCheck.requireConfigured("scorer", restoredModel.version(), restoredModel.configHash(), settings.network());
        }
        for (ModelUpdate candidate : new ModelUpdate[] {restoredModel, initialModel}) {
            if (candidate != null && !model.isReady()) {
                Optional<String> problem = model.apply(candidate);
                if (problem.isPresent()) {
                    LOG.warn("Not starting from model version {}: {}", candidate.version(), problem.get());
                } else {
                    // The starting model is state too: a savepoint carries it even if no update ever came.
                    liveModelState.put(LIVE, model.update());
                }
            }
        }
    }

    @Override
    public void processElement1(StreamRecord<SessionSnapshot> record) throws Exception {
        if (!model.isReady()) {
            metrics.unscoredWithoutModel.inc();
            return;
        }
        pending.add(record);
        if (pending.size() >= settings.batchSize()) {
            flush();
        } else if (pending.size() == 1) {
            // Under the key of the batch's first update; the batch itself spans keys.
            timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, timers.currentProcessingTime() + settings.maxWait().toMillis());
        }
    }

    @Override
    public void processElement2(StreamRecord<ModelUpdate> record) throws Exception {
        ModelUpdate update = record.getValue();
        flush();
        Optional<String> problem = model.apply(update);
        if (problem.isPresent()) {
            metrics.refusedUpdates.inc();
            LOG.warn("Refused model version {}: {}; scoring goes on with version {}", update.version(), problem.get(), model.version());
        } else {
            liveModelState.put(LIVE, model.update());
            metrics.modelApplied(update.createdAt(), System.currentTimeMillis());
            LOG.info("Model version {} is live (parent {})", update.version(), update.parentVersion());
        }
    }

    /** Event time is the sessions' alone: model updates carry none and must not hold it back. */
    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // Model updates have no event time; see processWatermark1.
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    /** Drops the carried state of the user's sessions that can no longer change; the others get a timer at their new end. */
    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        Iterator<Map.Entry<String, SessionScoringState>> it = sessions.iterator();
        while (it.hasNext()) {
            long expiry = expiry(it.next().getValue().lastTs());
            if (expiry <= timer.getTimestamp()) {
                it.remove();
                metrics.sessionClosed();
            } else {
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, expiry);
            }
        }
    }

    /** A batch has waited {@code maxWait}: score it, however full it is. */
    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        flush();
    }

    /**
     * One pass over the restored sessions, so that {@code openSessions} is true from the start; the
     * count is kept up to date from then on. Its cost grows with the state, once per restore.
     */
    private long countSessions() throws Exception {
        long[] count = {0};
        getKeyedStateBackend().applyToAllKeys(
                VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE,
                SESSIONS,
                (user, userSessions) -> userSessions.keys().forEach(session -> count[0]++));
        return count[0];
    }

    private void flush() throws Exception {
        if (pending.isEmpty()) {
            return;
        }
        // One read of each session's carried state, however many of its updates the batch holds.
        Map<String, SessionScoringState> before = new HashMap<>();
        List<ScoringBatch.Item> items = new ArrayList<>(pending.size());
        for (StreamRecord<SessionSnapshot> record : pending) {
            SessionSnapshot s = record.getValue();
            if (!before.containsKey(s.sessionId())) {
                setCurrentKey(s.userId());
                before.put(s.sessionId(), sessions.get(s.sessionId()));
            }
            items.add(new ScoringBatch.Item(s, before.get(s.sessionId())));
        }
        long started = System.nanoTime();
        List<ScoringBatch.Result> results = ScoringBatch.score(items, model.network(), model.version());
        metrics.recordBatch(pending.size(), System.nanoTime() - started);
        long now = getProcessingTimeService().getCurrentProcessingTime();
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < pending.size(); i++) {
            SessionSnapshot s = items.get(i).snapshot();
            ScoringBatch.Result result = results.get(i);
            Integer previous = last.put(s.sessionId(), i);
            if (result.recomputed()) {
                metrics.recomputes.markEvent();
            }
            metrics.scores.markEvent();
            SessionScoringState carried = before.get(s.sessionId());
            float prior = previous != null ? results.get(previous).score() : carried != null ? carried.lastScore() : Float.NaN;
            explainer.consider(s, result.score(), prior, pending.get(i));
            output.collect(pending.get(i).replace(new IntentScore(
                    s.userId(), s.sessionId(), s.triggerEventId(), result.score(), expectedValue(result),
                    settings.band(result.score()), model.version(), s.events(), s.trigger().ts(), now)));
        }
        explain(now);
        // One write per session: the state after its last update in the batch.
        for (int i : last.values()) {
            SessionSnapshot s = items.get(i).snapshot();
            setCurrentKey(s.userId());
            sessions.put(s.sessionId(), results.get(i).after());
            if (before.get(s.sessionId()) == null) {
                metrics.sessionOpened();
                // One expiry timer per session: when it fires, a session that went on is given a new one.
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, expiry(s.lastTs()));
            }
        }
        pending.clear();
    }

    /** The score times the value head's order value given a purchase; null while the value head is untrained. */
    private Double expectedValue(ScoringBatch.Result result) {
        double orderValue = model.network().orderValue(result.after().recurrent());
        return Double.isNaN(orderValue) ? null : result.score() * orderValue;
    }

    private void explain(long now) {
        long started = System.nanoTime();
        List<StreamRecord<IntentExplanation>> explained = explainer.explain(model.network(), model.version(), now);
        if (!explained.isEmpty()) {
            explained.forEach(e -> output.collect(EXPLANATIONS, e));
            metrics.recordExplanations(explained.size(), System.nanoTime() - started);
        }
    }

    private long expiry(long lastTs) {
        return lastTs + settings.sessionExpiry().toMillis();
    }
}
