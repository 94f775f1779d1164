package io.intentflow.tools.evaluate.run;

import io.intentflow.job.config.JobSettings;
import io.intentflow.model.explain.Occlusion;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.tools.datasets.DatasetRecord;
import io.intentflow.tools.evaluate.ScoredEvent;
import io.intentflow.tools.evaluate.TimeSplit;
import io.intentflow.tools.evaluate.metrics.Metrics;
import io.intentflow.tools.evaluate.metrics.ValueAccuracy;
import io.intentflow.tools.evaluate.report.EvaluationReport;
import io.intentflow.tools.evaluate.report.MethodResult;
import io.intentflow.tools.evaluate.report.ReportSettings;
import io.intentflow.tools.explain.DeletionCurve;
import io.intentflow.tools.pretrain.DefaultModel;
import io.intentflow.tools.pretrain.Pretrainer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;

/**
 * {@code bin/intentflow evaluate}: a dataset through the job's own operators, prequentially
 * ({@link PrequentialRun}), against the baselines on the same events; writes {@code
 * DIR/report.json} and {@code DIR/report.html}. Flags: {@link EvaluateSettings}.
 *
 * <p>The start: by default a model pretrained on the first half's labelled prefixes ({@link
 * Pretrainer#fromDataset}), from which the trainer goes on with the labels known from the split
 * on, so that each example is learned once, offline or online; with {@code --model}, that model,
 * and the trainer learns from the first label on.
 */
public final class Evaluate {

    /** The warm start's pretraining epochs: as {@code pretrain}'s default. */
    private static final int PRETRAIN_EPOCHS = 4;
    /** The explanations' deletion test picks its random events with this seed, whatever the warm start's. */
    private static final long DELETION_SEED = 1042;
    /** Events deleted per session in the explanations' deletion test. */
    private static final int DELETED_EVENTS = 3;

    private Evaluate() {}

    public static EvaluationReport run(EvaluateSettings flags, PrintStream log) throws Exception {
        Configuration conf = flags.jobConfig();
        JobSettings settings = JobSettings.from(conf);
        long started = System.nanoTime();
        LoadedDataset data = LoadedDataset.read(flags.format(), flags.input(), flags.limit());
        log.println("read: " + data.summary() + (flags.limit() < Long.MAX_VALUE ? "; the first " + data.records().size() + " in event time" : ""));
        TimeSplit split = new TimeSplit(data.firstTs(), data.middleTs(), data.lastTs());
        log.printf("evaluate: warm-up before %s, measured from it to %s%n", Instant.ofEpochMilli(split.measuredFrom()), Instant.ofEpochMilli(split.lastTs()));
        Files.createDirectories(flags.out());

        Path start;
        long learnFrom;
        if (flags.model().isPresent()) {
            start = flags.model().get();
            learnFrom = Long.MIN_VALUE;
        } else {
            start = flags.out().resolve("warm-start.zip");
            Pretrainer.Result pretrained = Pretrainer.fromDataset(conf, data, split.measuredFrom(), flags.seed(), PRETRAIN_EPOCHS, start);
            log.printf(
                    Locale.ROOT, "evaluate: warm start pretrained on %d labelled prefixes of the first half (held-out AUC %.3f) in %s%n",
                    pretrained.examples(), pretrained.heldOutAuc(), start);
            learnFrom = split.measuredFrom();
        }
        Path coldStart = flags.coldStart().isPresent() ? flags.coldStart().get() : DefaultModel.ensure(conf, "evaluate");

        Duration horizon = settings.labels().horizon();
        Map<String, List<ScoredEvent>> methods;
        Optional<ValueAccuracy> value;
        try (PrequentialRun run = new PrequentialRun(conf, split, data.labels(horizon), data.orderValues(), start, coldStart, learnFrom)) {
            for (DatasetRecord record : data.records()) {
                run.accept(record);
            }
            methods = run.finish();
            value = run.valueAccuracy();
            log.printf("evaluate: %d training rounds, %d versions published%n", run.rounds(), run.versionsPublished());
        }
        List<ScoredEvent> online = methods.remove(EvaluationReport.ONLINE);
        EvaluationReport report = EvaluationReport.of(
                online, methods,
                // Reports of both feature sets look alike: the subtitle says which one the network had.
                ReportSettings.of(
                        data.format() + " " + flags.input().getFileName() + ", model.features: " + settings.scorer().network().featureSet().key(),
                        split, horizon, settings.scorer().highThreshold()))
                .withExplanations(explanations(conf, data, split, start))
                .withValue(value.orElse(null));
        report.write(flags.out());
        log.printf(
                Locale.ROOT, "evaluate: %d events measured, %d s; %s%n",
                online.size(), Duration.ofNanos(System.nanoTime() - started).toSeconds(), flags.out().resolve("report.html"));
        return report;
    }

    /**
     * The explanations' deletion test on the measured half: the starting model (the warm start,
     * or {@code --model}) explains each session as of its last event; see {@link DeletionCurve}.
     */
    private static DeletionCurve explanations(Configuration conf, LoadedDataset data, TimeSplit split, Path model) throws Exception {
        List<Occlusion.Session> sessions =
                DeletionCurve.sessions(JobGraph.of(conf, null), data.records(), split.measuredFrom(), 2 * DELETED_EVENTS);
        return DeletionCurve.measure(ModelFiles.load(model).network(), sessions, DELETED_EVENTS, DELETION_SEED);
    }

    public static void main(String[] args) throws Exception {
        EvaluateSettings flags;
        try {
            flags = EvaluateSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("evaluate: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            EvaluationReport report = run(flags, System.out);
            for (MethodResult method : report.methods()) {
                Metrics m = method.overall();
                System.out.printf(
                        Locale.ROOT, "  %-10s AUC %.4f [%.4f, %.4f]  PR-AUC %.4f  log-loss %.4f  F1 %.4f%n",
                        method.name(), m.auc(), m.aucInterval().low(), m.aucInterval().high(), m.prAuc(), m.logLoss(), m.atThreshold().f1());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("evaluate: " + e.getMessage());
            System.exit(1);
        }
    }
}
