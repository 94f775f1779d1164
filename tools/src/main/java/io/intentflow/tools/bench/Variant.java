package io.intentflow.tools.bench;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/** What the bench compares: the same job with parts of it switched off. */
enum Variant {
    BASELINE("baseline", "(a) baseline: ingest, sessions, session updates", Map.of("score.enabled", "false", "train.enabled", "false")),
    /** (b) without its explanations: what they cost is (b) over this. */
    UNEXPLAINED("scoring_unexplained", "(b0) + scoring, no explanations", Map.of("train.enabled", "false", "score.explain.enabled", "false")),
    SCORING("scoring", "(b) + scoring", Map.of("train.enabled", "false")),
    LEARNING("learning", "(c) + labels and training", Map.of());

    /** As in bench.json ({@code <key>_eps}). */
    final String key;
    final String title;
    private final Map<String, String> switches;

    Variant(String key, String title, Map<String, String> switches) {
        this.key = key;
        this.title = title;
        this.switches = switches;
    }

    /**
     * The job's configuration for one run: {@code base} with this variant's switches, reading
     * {@code input}'s clicks and purchases from the earliest offset as a consumer group of its
     * own, and writing to outputs named for {@code run}, with transactional ids of its own.
     */
    Configuration jobConfig(Configuration base, String bootstrap, String input, String run) {
        Map<String, String> values = new HashMap<>(base.toMap());
        values.put("kafka.bootstrap.servers", bootstrap);
        values.put("kafka.group.id", run);
        values.put("kafka.transactional-id-prefix", run);
        values.put("kafka.starting-offsets", "earliest");
        values.put("topics.clicks", input + "-clicks");
        values.put("topics.purchases", input + "-purchases");
        values.put("topics.session-updates", run + "-session-updates");
        values.put("topics.dead-letters", run + "-dead-letters");
        values.put("topics.scores", run + "-scores");
        values.put("topics.intent-explanations", run + "-explanations");
        values.put("topics.model-updates", run + "-model-updates");
        values.putAll(switches);
        return Configuration.fromMap(values);
    }
}
