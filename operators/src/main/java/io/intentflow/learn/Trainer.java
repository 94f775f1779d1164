package io.intentflow.learn;

import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.training.LabelledSessionCodec;
import io.intentflow.records.DriftEvent;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.TrainerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Learns from labelled examples while the job serves (parallelism 1), without ever training on
 * the task thread. Examples wait for a round, which starts once {@code every} have arrived, or on
 * a processing-time timer {@code interval} after the last one started with at least {@code
 * minExamples} waiting, or at the end of the input. A round runs on the trainer's own thread
 * ({@link Learner}: score every example that arrived, fine-tune on a sample of at most {@code
 * maxWaiting}, gate, publish); its outcome comes back through the mailbox, where the task thread
 * emits the new version. Meanwhile the operator keeps taking examples, and checkpoints never wait
 * for a round. After a round its thread rests, scoring what arrives, so that rounds take at most
 * {@code cpuShare} of a core: a trainer that cannot keep up trains on a sample, never on the
 * stream's share of the machine.
 *
 * <p>Who owns what. The round's thread owns the {@link Learner} (network, optimizer, replay
 * reservoir, gate window, version counter, rolling evaluation) while a round runs; between rounds
 * no one touches it, and handing a round over (executor) and its outcome back (mailbox) orders the
 * two threads. The task thread owns everything else: {@link #learned}, the immutable state as of
 * the last finished round, the examples handed to the running round, the sample waiting for the
 * next, the timer, the output and the metrics. Both touch only the {@link ScoringQueue}, a
 * concurrent queue: the task thread adds every example, the round's thread scores them. A
 * checkpoint is {@link #learned} plus every example not yet trained on, so a restore retrains
 * each of them exactly once and never sees half a round.
 *
 * <p>One sequence of versions. The second input is the {@code model-updates} topic: a version
 * from outside (an operator's rollback, a model trained elsewhere) that is newer than the live one
 * and fits the network becomes the live model here too, goes to the scorers at once, and the next
 * round trains from it and numbers above it; any other is refused, logged with the reason and
 * counted, except this trainer's own versions read back ({@link ModelVersions#publishedBy}). The
 * main output is every version that goes live, for the scorers; {@link #PUBLISHED} only those
 * this trainer published, for the topic. An adoption runs on the round's thread after the round
 * in flight, whose candidate it supersedes; until it has, a checkpoint holds it as {@link #adopting}.
 * A round may also roll back a live version that did worse than its parent ({@link RollbackWatch}):
 * the parent's parameters go out again as a new version, logged and counted.
 *
 * <p>Shadow mode ({@code train.shadow}): a candidate that passes the gate becomes the shadow,
 * which lives only on the round's thread ({@link ShadowTrial}); it is scored beside the live model
 * on the examples that arrive from then on, never emitted, and goes out as the next version only
 * when a later round finds that it won on them.
 */
public class Trainer extends AbstractStreamOperator<ModelUpdate>
        implements TwoInputStreamOperator<LabelledExample, ModelUpdate, ModelUpdate>, BoundedMultiInput {

    private static final long serialVersionUID = 1L;

    public static final ListStateDescriptor<TrainerState> STATE =
            new ListStateDescriptor<>("trainer", TypeInformation.of(TrainerState.class));

    /** The versions this trainer published (not those it adopted): for the {@code model-updates} topic. */
    public static final OutputTag<ModelUpdate> PUBLISHED = new OutputTag<>("published-versions", TypeInformation.of(ModelUpdate.class));

    /** A drift the trainer detected: for the {@code model-drift} topic. */
    public static final OutputTag<DriftEvent> DRIFT = new OutputTag<>("drift-events", TypeInformation.of(DriftEvent.class));

    /**
     * How many examples may wait to be scored, in rounds' worth ({@code every} or {@code
     * maxWaiting}, the larger): the round's thread scores them every mini-batch, so only a trainer
     * that cannot score as fast as examples arrive fills it ({@link ScoringQueue}).
     */
    private static final int SCORING_QUEUE_ROUNDS = 10;

    private final TrainerSettings settings;
    private final ModelUpdate initialModel;
    private final transient MailboxExecutor mailbox;

    private transient ListState<TrainerState> checkpointed;
    private transient RoundThread rounds;
    private transient Learner learner;
    /** What the last finished round learned (or the restored or initial state); replaced by each outcome. */
    private transient TrainerState learned;
    /** What the running round trains on; null while none runs. */
    private transient List<LabelledExample> inRound;
    private transient WaitingExamples waiting;
    /** Shared with the round's thread, which scores and removes what is in it. */
    private transient ScoringQueue toScore;
    private transient long lastRoundAt;
    private transient TrainerMetrics metrics;
    /** The newest version sent to the scorers (or restored); what comes from outside must be newer. */
    private transient long liveVersion;
    /** A version from outside that the round's thread has not applied yet; null when none. */
    private transient ModelUpdate adopting;

    Trainer(StreamOperatorParameters<ModelUpdate> parameters, TrainerSettings settings, ModelUpdate initialModel) {
        super(parameters);
        this.settings = settings;
        this.initialModel = initialModel;
        this.mailbox = parameters.getMailboxExecutor();
        this.rounds = new RoundThread(getOperatorName() + " (rounds)", mailbox);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        checkpointed = context.getOperatorStateStore().getListState(STATE);
        waiting = new WaitingExamples(settings.maxWaiting());
        toScore = new ScoringQueue(SCORING_QUEUE_ROUNDS * Math.max(settings.every(), settings.maxWaiting()));
        TrainerState start = TrainerStart.of(checkpointed.get(), initialModel, settings.network());
        for (LabelledExample example : start.untrained()) {
            waiting.add(example);
            toScore.add(example);
        }
        learned = start.withUntrained(new LabelledExample[0]);
        learner = new Learner(settings, learned);
        liveVersion = learned.version();
    }

    @Override
    public void open() throws Exception {
        super.open();
        metrics = new TrainerMetrics(getMetricGroup(), learned.version(), LabelledSessionCodec.count(learned.compactReplay()));
        countUntrained();
        lastRoundAt = getProcessingTimeService().getCurrentProcessingTime();
        scheduleIntervalCheck();
    }

    @Override
    public void processElement1(StreamRecord<LabelledExample> record) {
        metrics.examples.markEvent();
        waiting.add(record.getValue());
        metrics.unscored(toScore.add(record.getValue()));
        countUntrained();
        startRoundIfDue(false);
    }

    /** A version from the {@code model-updates} topic: adopted, refused, or this trainer's own read back. */
    @Override
    public void processElement2(StreamRecord<ModelUpdate> record) {
        ModelUpdate update = record.getValue().inLayoutOf(settings.network());
        Optional<String> problem = update.problem(settings.network(), learned.params().length, liveVersion);
        if (problem.isEmpty()) {
            adopt(update);
        } else if (update.version() <= liveVersion && ModelVersions.publishedBy(update, settings.origin())) {
            LOG.debug("Version {} is this trainer's own, read back from the topic", update.version());
        } else {
            metrics.refusedUpdates.inc();
            LOG.warn("Refused model version {} (parent {}) from the model-updates topic: {}; the live version stays {}",
                    update.version(), update.parentVersion(), problem.get(), liveVersion);
        }
    }

    /** Event time is not the trainer's concern; the model updates carry none. */
    @Override
    public void processWatermark2(Watermark mark) {}

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        TrainerState live = adopting == null ? learned : learned.adopting(adopting);
        checkpointed.update(List.of(live.withUntrained(untrained().toArray(LabelledExample[]::new))));
    }

    /** The last examples train too: after the running round, one more for whatever is waiting. */
    @Override
    public void endInput(int inputId) throws Exception {
        if (inputId == 1) {
            awaitRound();
            startRoundIfDue(true);
            awaitRound();
        }
    }

    @Override
    public void close() throws Exception {
        rounds.close();
        super.close();
    }

    /** Runs rounds on {@code executor} instead of the trainer's own thread: tests hold a round back with it. */
    @VisibleForTesting
    void runRoundsOn(ExecutorService executor) {
        rounds.runOn(executor);
    }

    private void startRoundIfDue(boolean endOfInput) {
        if (inRound != null || waiting.isEmpty()) {
            return;
        }
        long now = getProcessingTimeService().getCurrentProcessingTime();
        boolean due = endOfInput
                || waiting.arrived() >= settings.every()
                || (now - lastRoundAt >= settings.interval().toMillis() && waiting.arrived() >= settings.minExamples());
        if (!due) {
            return;
        }
        WaitingExamples.Batch batch = waiting.take();
        inRound = batch.train();
        lastRoundAt = now;
        metrics.roundStarted(batch);
        scheduleIntervalCheck();
        rounds.run(() -> learner.round(batch, toScore), this::roundDone, outcome -> learner.rest(outcome.durationMs(), toScore));
    }

    /** On the task thread: the round's state becomes the checkpointed one, its version goes out. */
    private void roundDone(Learner.Outcome outcome) {
        if (rounds.isClosed()) {
            return;
        }
        learned = outcome.state();
        inRound = null;
        ModelUpdate rollback = outcome.rolledBack();
        ModelUpdate update = outcome.published();
        boolean wentLive = update != null && update.version() > liveVersion;
        metrics.roundDone(outcome, wentLive);
        countUntrained();
        for (DriftEvent drift : outcome.drift().events(liveVersion, System.currentTimeMillis(), settings.drift())) {
            LOG.warn("Drift detected: {}", drift);
            output.collect(DRIFT, new StreamRecord<>(drift));
        }
        if (rollback != null && rollback.version() > liveVersion) {
            LOG.warn("Rolled back: version {} is the parameters of version {} again, after live version {} did worse on the examples since it went live: {}",
                    rollback.version(), rollback.parentVersion(), liveVersion, rollback.metrics());
            metrics.rollbacks.inc();
            goLive(rollback);
        }
        outcome.shadow().whatBecameOfTheShadow(wentLive, settings.shadow().margin()).ifPresent(LOG::info);
        if (!outcome.round().published()) {
            LOG.info("Candidate after version {} rejected by the gate: {}", learned.version(), outcome.round());
        } else if (outcome.shadow().candidateIsShadow()) {
            LOG.info("Candidate after version {} passed the gate and is the shadow now: {}", learned.version(), outcome.round());
        } else if (settings.shadow().enabled()) {
            LOG.info("Candidate after version {} passed the gate but is dropped: a shadow is on trial: {}", learned.version(), outcome.round());
        }
        // The round's version, if any: its candidate, or in shadow mode a shadow that won its trial.
        if (update != null && update.version() <= liveVersion) {
            LOG.info("Version {} dropped: trained from a model that version {} from outside replaced meanwhile", update.version(), liveVersion);
        } else if (update != null) {
            LOG.info("Published model version {} (parent {}) after a round of {} ms: {}", update.version(), update.parentVersion(), outcome.durationMs(), update.metrics());
            goLive(update);
        }
        startRoundIfDue(false);
    }

    /** A version of this trainer's own: to the scorers and to the topic. */
    private void goLive(ModelUpdate update) {
        liveVersion = update.version();
        output.collect(new StreamRecord<>(update));
        output.collect(PUBLISHED, new StreamRecord<>(update));
    }

    /** Live at the scorers now; the learner takes it up after the round in flight. */
    private void adopt(ModelUpdate update) {
        LOG.info("Adopted model version {} (parent {}) from the model-updates topic: training goes on from it", update.version(), update.parentVersion());
        liveVersion = update.version();
        adopting = update;
        metrics.adopted(update.version());
        output.collect(new StreamRecord<>(update));
        rounds.run(() -> learner.adopt(update), this::adopted, state -> {});
    }

    /** On the task thread: the learner runs the adopted version now. */
    private void adopted(TrainerState state) {
        if (rounds.isClosed()) {
            return;
        }
        if (learned.hasShadow() && !state.hasShadow()) {
            LOG.info("Shadow dropped: version {} from outside replaced the model it was trained from", state.version());
            metrics.shadowDropped();
        }
        learned = state;
        if (adopting != null && adopting.version() == state.version()) {
            adopting = null;
        }
    }

    private void countUntrained() {
        metrics.untrained((inRound == null ? 0 : inRound.size()) + waiting.sample().size());
    }

    /** Every example not trained on yet: the running round's and those waiting for the next. */
    private List<LabelledExample> untrained() {
        List<LabelledExample> untrained = new ArrayList<>(inRound == null ? List.of() : inRound);
        untrained.addAll(waiting.sample());
        return untrained;
    }

    /** Waits, taking mail meanwhile, until no round runs. */
    private void awaitRound() throws InterruptedException {
        while (inRound != null) {
            mailbox.yield();
        }
    }

    /** A round may be due without another example arriving. */
    private void scheduleIntervalCheck() {
        getProcessingTimeService().registerTimer(lastRoundAt + settings.interval().toMillis(), time -> startRoundIfDue(false));
    }
}
