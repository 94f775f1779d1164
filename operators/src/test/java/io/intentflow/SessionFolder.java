package io.intentflow;

import io.intentflow.records.Click;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.session.SessionAccumulator;
import io.intentflow.session.SessionAggregate;

/** One session, folded click by click with the job's own aggregate, as the session window does. */
public final class SessionFolder {

    private final SessionAggregate aggregate;
    private SessionAccumulator state;

    public SessionFolder(int ringSize) {
        aggregate = new SessionAggregate(ringSize);
        state = aggregate.createAccumulator();
    }

    /** The update the window emits for {@code click}. */
    public SessionSnapshot add(Click click) {
        state = aggregate.add(click, state);
        return aggregate.getResult(state);
    }

    /**
     * The update the window emits when {@code click} bridges this session and {@code other}: the
     * two merged, then the click added. This folder goes on as the merged session.
     */
    public SessionSnapshot bridge(SessionFolder other, Click click) {
        state = aggregate.add(click, aggregate.merge(state, other.state));
        return aggregate.getResult(state);
    }

    /** The first update of a session of its own. */
    public static SessionSnapshot first(Click click) {
        return new SessionFolder(64).add(click);
    }
}
