package io.intentflow.learn;

import io.intentflow.RestoredModelCheck;
import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.training.FineTuner;
import io.intentflow.model.training.LabelledSession;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.TrainerState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns from labelled examples while the job serves (parallelism 1). Examples wait for the next
 * round, which runs every {@code every} examples or {@code interval} of processing time. A round
 * has four parts, each its own class: the live model scores the waiting examples before anything
 * trains on them ({@link RollingEvaluation}); a candidate is fine-tuned and gated ({@link
 * FineTuner}); one that passes becomes the next version ({@link ModelVersions}), is written to
 * the registry folder ({@link ModelRegistry}) and goes to the scorers.
 *
 * <p>Versions are monotonic across restores: the counter is checkpointed with the parameters,
 * the optimizer state, the replay reservoir and the waiting examples.
 */
public class Trainer extends ProcessFunction<LabelledExample, ModelUpdate> implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    public static final ListStateDescriptor<TrainerState> STATE =
            new ListStateDescriptor<>("trainer", TypeInformation.of(TrainerState.class));

    private final TrainerSettings settings;
    private final ModelUpdate initialModel;

    private transient ListState<TrainerState> checkpointed;
    private transient FineTuner tuner;
    private transient List<LabelledSession> waiting;
    private transient ModelVersions versions;
    private transient ModelRegistry registry;
    private transient long lastRoundAt;
    private transient RollingEvaluation rolling;
    private transient TrainerMetrics metrics;

    /** @param initialModel the model to start from when nothing is restored; null: random weights, version 0 */
    public Trainer(TrainerSettings settings, ModelUpdate initialModel) {
        this.settings = settings;
        this.initialModel = initialModel;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpointed = context.getOperatorStateStore().getListState(STATE);
        IntentNetwork live = IntentNetwork.create(settings.network(), 1);
        List<LabelledSession> replay = List.of();
        List<LabelledSession> gate = List.of();
        long seen = 0;
        waiting = new ArrayList<>();
        long version = 0;
        if (initialModel != null) {
            live.setParams(initialModel.params());
            version = initialModel.version();
        }
        for (TrainerState restored : checkpointed.get()) {
            RestoredModelCheck.requireConfigured("trainer", restored.version(), restored.configHash(), settings.network());
            live.setParams(restored.params());
            live.setUpdaterState(restored.updaterState());
            version = Math.max(version, restored.version());
            replay = Arrays.asList(restored.replay());
            gate = Arrays.asList(restored.gate());
            seen = restored.examplesSeen();
            waiting.addAll(Arrays.asList(restored.waiting()));
        }
        tuner = new FineTuner(settings.fineTuning(), live, replay, gate, seen);
        versions = new ModelVersions(settings.network().hash(), version);
    }

    @Override
    public void open(OpenContext openContext) {
        lastRoundAt = System.currentTimeMillis();
        registry = new ModelRegistry(settings.registryDir());
        rolling = new RollingEvaluation(settings.metricsWindow());
        metrics = new TrainerMetrics(getRuntimeContext().getMetricGroup(), versions.current(), tuner.replay().size());
    }

    @Override
    public void processElement(LabelledExample example, Context ctx, Collector<ModelUpdate> out) throws Exception {
        LabelledSession session =
                new LabelledSession(
                        EventFeaturizer.featurize(Arrays.asList(example.prefix().events()), example.prefix().firstPosition()),
                        example.purchased());
        metrics.examples.markEvent();
        waiting.add(session);
        long now = ctx.timerService().currentProcessingTime();
        boolean due = waiting.size() >= settings.every()
                || (now - lastRoundAt >= settings.interval().toMillis() && waiting.size() >= settings.minExamples());
        if (due) {
            round(now, out);
        }
    }

    private void round(long now, Collector<ModelUpdate> out) throws Exception {
        rolling.score(tuner.live(), waiting);
        FineTuner.Round round = tuner.round(waiting);
        waiting = new ArrayList<>();
        lastRoundAt = now;
        if (!round.published()) {
            metrics.roundDone(round, versions.current(), rolling.current(), tuner.replay().size());
            LOG.info("Candidate after version {} rejected by the gate: {}", versions.current(), round);
            return;
        }
        ModelUpdate update = versions.next(tuner.live(), round, rolling.current(), now);
        registry.save(tuner.live(), update);
        metrics.roundDone(round, update.version(), rolling.current(), tuner.replay().size());
        LOG.info("Published model version {} (parent {}): {}", update.version(), update.parentVersion(), update.metrics());
        out.collect(update);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointed.update(
                List.of(
                        new TrainerState(
                                versions.current(),
                                settings.network().hash(),
                                tuner.live().params(),
                                tuner.live().updaterState(),
                                tuner.examplesSeen(),
                                tuner.replay().toArray(LabelledSession[]::new),
                                tuner.gate().toArray(LabelledSession[]::new),
                                waiting.toArray(LabelledSession[]::new))));
    }
}
