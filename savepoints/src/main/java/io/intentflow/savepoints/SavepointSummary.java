package io.intentflow.savepoints;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a savepoint of the job holds, in the numbers an operator asks about.
 *
 * @param model the scorer's live model; null when the scorer had none
 * @param trainer the trainer's state; null when the savepoint has none (training was off)
 * @param openSessions sessions with carried scoring state (the scorer's keyed state)
 * @param usersWithOpenSessions users those sessions belong to
 * @param sessionWindows session windows not yet purged (the sessionizer's window state)
 * @param pendingLabels session prefixes waiting for their label (the label joiner's state)
 * @param usersWithPendingLabels users those prefixes belong to
 * @param operators the stateful operators found, with their parallelism
 */
public record SavepointSummary(
        String path,
        Model model,
        Trainer trainer,
        long openSessions,
        long usersWithOpenSessions,
        long sessionWindows,
        long pendingLabels,
        long usersWithPendingLabels,
        List<Operator> operators) {

    /** The scorer's live model version, without its parameters. */
    public record Model(long version, long parentVersion, String configHash, long createdAt, int parameters) {}

    /**
     * The trainer's counters and buffers, and what it holds beside the live model: a shadow on
     * trial ({@code train.shadow}), and a learning line ahead of the live model (a candidate the
     * gate refused, which the next round trains on from).
     */
    public record Trainer(
            long version, String configHash, long examplesSeen, int replayBuffer, int gateWindow, int waiting,
            boolean shadowOnTrial, boolean learningAhead) {}

    /** A stateful operator by uid; a restore needs its max parallelism to match (see the README). */
    public record Operator(String uid, int parallelism, int maxParallelism) {}

    public String toText() {
        StringBuilder text = new StringBuilder("savepoint ").append(path).append('\n');
        line(text, "live model", model == null
                ? "none (the scorer had no model yet)"
                : format("version %d (parent %d), network hash %s, %,d parameters, created %s",
                        model.version, model.parentVersion, model.configHash, model.parameters, Instant.ofEpochMilli(model.createdAt)));
        line(text, "trainer", trainer == null
                ? "no state (training was off)"
                : format("version counter %d, examples seen %,d, replay buffer %,d, gate window %,d, waiting for the next round %,d%s%s",
                        trainer.version, trainer.examplesSeen, trainer.replayBuffer, trainer.gateWindow, trainer.waiting,
                        trainer.shadowOnTrial ? ", a shadow on trial" : "",
                        trainer.learningAhead ? ", learning ahead of the live model (from a refused candidate)" : ""));
        line(text, "open sessions", format("%,d scored sessions of %,d users; %,d session windows", openSessions, usersWithOpenSessions, sessionWindows));
        line(text, "pending labels", format("%,d session prefixes of %,d users", pendingLabels, usersWithPendingLabels));
        for (Operator operator : operators) {
            line(text, "operator", format("%s: parallelism %d, max parallelism %d", operator.uid, operator.parallelism, operator.maxParallelism));
        }
        return text.toString();
    }

    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("path", path);
        root.set("model", json.valueToTree(model));
        root.set("trainer", json.valueToTree(trainer));
        root.put("openSessions", openSessions);
        root.put("usersWithOpenSessions", usersWithOpenSessions);
        root.put("sessionWindows", sessionWindows);
        root.put("pendingLabels", pendingLabels);
        root.put("usersWithPendingLabels", usersWithPendingLabels);
        root.set("operators", json.valueToTree(operators));
        return root.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "  %-15s %s%n", label, value));
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
