package io.intentflow.tools.evaluate;

import io.intentflow.model.EventType;
import io.intentflow.records.Click;
import io.intentflow.records.RecordOrigin;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.session.SessionAccumulator;
import io.intentflow.session.SessionAggregate;
import java.util.ArrayList;
import java.util.List;

/** The updates the job's session window emits for one session's clicks, folded by its own aggregate. */
public final class SessionUpdates {

    private static final RecordOrigin ORIGIN = new RecordOrigin("clicks", 0, 0);

    private SessionUpdates() {}

    public static List<SessionSnapshot> of(List<Click> clicks) {
        SessionAggregate aggregate = new SessionAggregate(64);
        SessionAccumulator acc = aggregate.createAccumulator();
        List<SessionSnapshot> updates = new ArrayList<>();
        for (Click click : clicks) {
            acc = aggregate.add(click, acc);
            updates.add(aggregate.getResult(acc));
        }
        return updates;
    }

    public static Click click(String eventId, String user, EventType type, long ts, String item, String category, double price) {
        return new Click(eventId, user, type, item, category, price, null, ts, ORIGIN);
    }
}
