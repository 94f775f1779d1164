package io.intentflow.tools.pretrain;

import io.intentflow.ingest.ClickParser;
import io.intentflow.ingest.InputLimits;
import io.intentflow.tools.generate.BehaviourModel;
import io.intentflow.tools.generate.ClickstreamSimulation;
import io.intentflow.tools.generate.GeneratedRecord;
import io.intentflow.tools.generate.GeneratorSettings;
import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.UserContext;
import io.intentflow.model.features.UserHistory;
import io.intentflow.records.Click;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.RecordOrigin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole sessions from the clickstream simulation, sessionized offline by the same gap as the
 * job: what an initial model is trained on before any real label has arrived. Each comes with its
 * user's history before it, kept by the same {@link UserHistory} as the job's sessionizer.
 */
final class SimulatedSessions {

    /** A session's newest {@code ringSize} events and what its user had done before it. */
    record Session(List<SessionEvent> events, UserContext user) {}

    private static final RecordOrigin OFFLINE = new RecordOrigin("simulation", 0, 0);

    private SimulatedSessions() {}

    /** The sessions found in the first {@code records} valid clicks of the simulation of {@code seed}. */
    static List<Session> of(BehaviourModel behaviour, long seed, int users, int records, Duration gap, int ringSize) {
        long start = System.currentTimeMillis() - Duration.ofDays(30).toMillis();
        ClickstreamSimulation simulation = new ClickstreamSimulation(GeneratorSettings.of(seed, users, start), behaviour);
        ClickParser parser = new ClickParser(InputLimits.defaults());
        Map<String, List<SessionEvent>> byUser = new HashMap<>();
        for (int n = 0; n < records; ) {
            GeneratedRecord record = simulation.next();
            if (record.kind() == GeneratedRecord.Kind.PURCHASE) {
                continue;
            }
            IngestedClick parsed = parser.parse(null, record.value(), OFFLINE, System.currentTimeMillis());
            if (parsed.isValid()) {
                Click c = parsed.click();
                byUser.computeIfAbsent(c.userId(), u -> new ArrayList<>())
                        .add(new SessionEvent(c.eventId(), c.type(), c.ts(), c.itemId(), c.categoryId(), c.price()));
                n++;
            }
        }
        List<Session> sessions = new ArrayList<>();
        for (List<SessionEvent> events : byUser.values()) {
            events.sort(Comparator.comparingLong(SessionEvent::ts));
            UserHistory history = UserHistory.NONE;
            List<SessionEvent> current = new ArrayList<>();
            for (SessionEvent event : events) {
                if (!current.isEmpty() && event.ts() - current.get(current.size() - 1).ts() >= gap.toMillis()) {
                    sessions.add(new Session(lastOf(current, ringSize), history.newest()));
                    current = new ArrayList<>();
                }
                current.add(event);
                history = history.observe(current.get(0).ts(), event);
            }
            sessions.add(new Session(lastOf(current, ringSize), history.newest()));
        }
        return sessions;
    }

    private static List<SessionEvent> lastOf(List<SessionEvent> events, int ringSize) {
        return events.size() <= ringSize ? events : events.subList(events.size() - ringSize, events.size());
    }
}
