package io.intentflow.savepoints;

/**
 * One fact read from a savepoint. The inspector reads every state into these, as one Flink job,
 * and folds them into a {@link SavepointSummary}.
 *
 * @param count for the counted parts: entries under one key (open sessions, pending labels) or 1
 *     (a session window)
 * @param model for {@link Part#MODEL}, else null
 * @param trainer for {@link Part#TRAINER}, else null
 */
public record StateReading(Part part, long count, SavepointSummary.Model model, SavepointSummary.Trainer trainer) {

    /** Which state a reading comes from. */
    public enum Part { MODEL, TRAINER, OPEN_SESSIONS, SESSION_WINDOWS, PENDING_LABELS }

    static StateReading counted(Part part, long count) {
        return new StateReading(part, count, null, null);
    }

    static StateReading of(SavepointSummary.Model model) {
        return new StateReading(Part.MODEL, 1, model, null);
    }

    static StateReading of(SavepointSummary.Trainer trainer) {
        return new StateReading(Part.TRAINER, 1, null, trainer);
    }
}
