package io.intentflow.tools.evaluate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intentflow.tools.evaluate.ScoredEvent;
import io.intentflow.tools.evaluate.metrics.Lead;
import io.intentflow.tools.evaluate.metrics.ValueAccuracy;
import io.intentflow.tools.explain.DeletionCurve;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The evaluation of the job's online method against its baselines, measured on the same events:
 * {@code report.json} (the metrics, the same keys for every method) and {@code report.html} (a
 * self-contained page: the results table and the charts, inline SVG, no script).
 */
public final class EvaluationReport {

    /** The job's own method, learning online: the report's top level. */
    public static final String ONLINE = "online";

    private final ReportSettings settings;
    private final MethodResult online;
    private final Map<String, MethodResult> baselines;
    /** The online model's lead over each baseline, by name. */
    private final Map<String, Lead> leads;
    /** The explanations' deletion test; null when not measured. */
    private final DeletionCurve explanations;
    /** The value head's accuracy; null where the data has no amounts. */
    private final ValueAccuracy value;

    private EvaluationReport(
            ReportSettings settings,
            MethodResult online,
            Map<String, MethodResult> baselines,
            Map<String, Lead> leads,
            DeletionCurve explanations,
            ValueAccuracy value) {
        this.settings = settings;
        this.online = online;
        this.baselines = baselines;
        this.leads = leads;
        this.explanations = explanations;
        this.value = value;
    }

    /** This report with the explanations' deletion test measured on the same data. */
    public EvaluationReport withExplanations(DeletionCurve curve) {
        return new EvaluationReport(settings, online, baselines, leads, curve, value);
    }

    /** This report with the value head's accuracy on the same data; null: the data has no amounts. */
    public EvaluationReport withValue(ValueAccuracy accuracy) {
        return new EvaluationReport(settings, online, baselines, leads, explanations, accuracy);
    }

    public Optional<ValueAccuracy> value() {
        return Optional.ofNullable(value);
    }

    public Optional<DeletionCurve> explanations() {
        return Optional.ofNullable(explanations);
    }

    /**
     * @param online the job's scored events (with the model version of each)
     * @param baselines each baseline's scored events, by name, in the order the report lists them
     *     ({@code frozen}, {@code ftrl}, {@code heuristic}, {@code gbdt}): the same events as
     *     {@code online}, with the same labels
     */
    public static EvaluationReport of(List<ScoredEvent> online, Map<String, List<ScoredEvent>> baselines, ReportSettings settings) {
        long positives = positives(online);
        Map<String, MethodResult> measured = new LinkedHashMap<>();
        Map<String, Lead> leads = new LinkedHashMap<>();
        baselines.forEach((name, events) -> {
            if (events.size() != online.size() || positives(events) != positives) {
                throw new IllegalArgumentException(String.format(
                        "baseline %s was not measured on the same events: %d events, %d positive, where %s has %d, %d positive",
                        name, events.size(), positives(events), ONLINE, online.size(), positives));
            }
            measured.put(name, MethodResult.of(name, events, settings));
            leads.put(name, Lead.of(online, events, settings.bootstrap()));
        });
        return new EvaluationReport(settings, MethodResult.of(ONLINE, online, settings), measured, leads, null, null);
    }

    public ReportSettings settings() {
        return settings;
    }

    public MethodResult online() {
        return online;
    }

    public Map<String, MethodResult> baselines() {
        return baselines;
    }

    /** How far the online model is ahead of each baseline (AUC and PR-AUC, paired intervals), by name. */
    public Map<String, Lead> leads() {
        return leads;
    }

    /** Every method, the online one first. */
    public List<MethodResult> methods() {
        return Stream.concat(Stream.of(online), baselines.values().stream()).toList();
    }

    public ObjectNode json() {
        return ReportJson.of(this);
    }

    public String html() {
        return ReportPage.of(this);
    }

    /** Writes {@code dir/report.json} and {@code dir/report.html}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve("report.json").toFile(), json());
        Files.writeString(dir.resolve("report.html"), html(), StandardCharsets.UTF_8);
    }

    private static long positives(List<ScoredEvent> events) {
        return events.stream().filter(ScoredEvent::label).count();
    }
}
