package io.intentflow.learn;

import io.intentflow.RestoredModelCheck;
import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.training.FineTuner;
import io.intentflow.model.training.LabelledSession;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.TrainerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * round; a round first scores them with the live model (prequential: before anything trained on
 * them) for the rolling AUC and log-loss, in batch. A round ({@link FineTuner}) runs every {@code
 * every} examples or {@code interval} of processing time; a candidate that passes the gate is
 * published as the next version, to the scorers and to the registry folder.
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
    private transient long version;
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
        version = 0;
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
    }

    @Override
    public void open(OpenContext openContext) {
        lastRoundAt = System.currentTimeMillis();
        rolling = new RollingEvaluation(settings.metricsWindow());
        metrics = new TrainerMetrics(getRuntimeContext().getMetricGroup(), version, tuner.replay().size());
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
        // Prequential: the live model scores the examples before any training on them, in batch.
        float[] scores = tuner.live().scoreLast(waiting.stream().map(LabelledSession::features).toList());
        for (int i = 0; i < scores.length; i++) {
            rolling.add(scores[i], waiting.get(i).purchased());
        }
        long parent = version;
        FineTuner.Round round = tuner.round(waiting);
        waiting = new ArrayList<>();
        lastRoundAt = now;
        if (round.published()) {
            version++;
        }
        metrics.roundDone(version, rolling.current(), round.trainLoss(), tuner.replay().size());
        if (!round.published()) {
            metrics.rejected.inc();
            LOG.info("Candidate after version {} rejected by the gate: {}", parent, round);
            return;
        }
        String gateMetrics =
                String.format(
                        Locale.ROOT,
                        "{\"trainLoss\":%.5f,\"gateExamples\":%d,\"gateAucLive\":%.5f,\"gateAucCandidate\":%.5f,\"gateLogLossLive\":%.5f,\"gateLogLossCandidate\":%.5f,\"rollingAuc\":%.5f}",
                        round.trainLoss(), round.gateExamples(), round.liveAuc(), round.candidateAuc(),
                        round.liveLogLoss(), round.candidateLogLoss(), rolling.current().auc());
        ModelUpdate update = new ModelUpdate(version, parent, settings.network().hash(), now, tuner.live().params(), gateMetrics.replace("NaN", "null"));
        if (settings.registryDir() != null) {
            ModelFiles.save(Path.of(settings.registryDir(), "model-v" + version + ".zip"), tuner.live(), update);
        }
        metrics.published.inc();
        LOG.info("Published model version {} (parent {}): {}", version, parent, update.metrics());
        out.collect(update);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointed.update(
                List.of(
                        new TrainerState(
                                version,
                                settings.network().hash(),
                                tuner.live().params(),
                                tuner.live().updaterState(),
                                tuner.examplesSeen(),
                                tuner.replay().toArray(LabelledSession[]::new),
                                tuner.gate().toArray(LabelledSession[]::new),
                                waiting.toArray(LabelledSession[]::new))));
    }
}
