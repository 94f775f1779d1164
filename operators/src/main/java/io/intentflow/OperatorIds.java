package io.intentflow;

/**
 * The stable uids of the job's operators. A uid names an operator's state in a savepoint:
 * changing one orphans that state, so these never change once released.
 */
public final class OperatorIds {

    public static final String CLICKS_SOURCE = "clicks-source";
    public static final String CLICK_ROUTER = "click-router";
    public static final String SESSIONIZER = "sessionizer";
    public static final String LATE_CLICKS = "late-clicks";
    public static final String SESSION_UPDATES_SINK = "session-updates-sink";
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    public static final String MODEL_UPDATES_SOURCE = "model-updates-source";
    public static final String MODEL_UPDATES_SINK = "model-updates-sink";
    public static final String MODEL_DRIFT_SINK = "model-drift-sink";
    public static final String PURCHASES_SOURCE = "purchases-source";
    public static final String PURCHASE_ROUTER = "purchase-router";
    public static final String LABEL_CANDIDATES = "label-candidates";
    public static final String LABEL_JOINER = "label-joiner";
    public static final String TRAINER = "trainer";
    public static final String SCORER = "intent-scorer";
    public static final String SCORES_SINK = "intent-scores-sink";
    public static final String EXPLANATIONS_SINK = "intent-explanations-sink";

    private OperatorIds() {}
}
