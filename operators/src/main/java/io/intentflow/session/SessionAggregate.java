package io.intentflow.session;

import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.records.Click;
import io.intentflow.records.SessionChange;
import io.intentflow.records.SessionSnapshot;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.util.Preconditions;

/**
 * Incrementally folds a user's clicks into a {@link SessionSnapshot}: the window state holds
 * only the snapshot, never the raw events, so a session costs the same however long it runs.
 * The snapshots it folds have no user history: {@link UserHistoryFunction} attaches it on the way
 * out, so the window state is the same under either feature set.
 */
public class SessionAggregate implements AggregateFunction<Click, SessionAccumulator, SessionSnapshot> {

    private static final long serialVersionUID = 1L;

    private final int ringSize;

    public SessionAggregate(int ringSize) {
        Preconditions.checkArgument(ringSize > 0, "the session ring needs room for at least one event");
        this.ringSize = ringSize;
    }

    @Override
    public SessionAccumulator createAccumulator() {
        return SessionAccumulator.EMPTY;
    }

    @Override
    public SessionAccumulator add(Click click, SessionAccumulator acc) {
        SessionSnapshot s = acc.session();
        if (s != null && SessionRing.contains(s.recent(), click.eventId())) {
            return new SessionAccumulator(
                    new SessionSnapshot(
                            s.sessionId(), s.userId(), s.events(), s.duplicates() + 1,
                            s.startTs(), s.lastTs(), click.eventId(), SessionChange.DUPLICATE,
                            s.typeCounts(), s.cartValue(), s.recent(), null),
                    false);
        }
        if (s == null) {
            int[] counts = new int[EventType.count()];
            counts[click.type().ordinal()]++;
            return new SessionAccumulator(
                    new SessionSnapshot(
                            click.userId() + "-" + click.ts(), click.userId(), 1, 0, click.ts(), click.ts(),
                            click.eventId(), SessionChange.APPENDED, counts, cartDelta(click),
                            new SessionEvent[] {ringEvent(click)}, null),
                    false);
        }
        SessionChange change;
        if (acc.mergePending()) {
            change = SessionChange.MERGED;
        } else if (click.ts() >= s.lastTs()) {
            change = SessionChange.APPENDED;
        } else {
            change = SessionChange.INSERTED;
        }
        int[] counts = s.typeCounts().clone();
        counts[click.type().ordinal()]++;
        return new SessionAccumulator(
                new SessionSnapshot(
                        s.sessionId(),
                        click.userId(),
                        s.events() + 1,
                        s.duplicates(),
                        Math.min(s.startTs(), click.ts()),
                        Math.max(s.lastTs(), click.ts()),
                        click.eventId(),
                        change,
                        counts,
                        s.cartValue() + cartDelta(click),
                        SessionRing.insert(s.recent(), ringEvent(click), ringSize),
                        null),
                false);
    }

    @Override
    public SessionSnapshot getResult(SessionAccumulator acc) {
        return acc.session();
    }

    /** Sessions merge when an event bridges them; the session that started first keeps its id. */
    @Override
    public SessionAccumulator merge(SessionAccumulator x, SessionAccumulator y) {
        if (x.isEmpty()) {
            return y;
        }
        if (y.isEmpty()) {
            return x;
        }
        SessionSnapshot a = x.session();
        SessionSnapshot b = y.session();
        SessionSnapshot first = startsFirst(a, b) ? a : b;
        int[] counts = a.typeCounts().clone();
        for (int i = 0; i < counts.length; i++) {
            counts[i] += b.typeCounts()[i];
        }
        return new SessionAccumulator(
                new SessionSnapshot(
                        first.sessionId(),
                        first.userId(),
                        a.events() + b.events(),
                        a.duplicates() + b.duplicates(),
                        Math.min(a.startTs(), b.startTs()),
                        Math.max(a.lastTs(), b.lastTs()),
                        first.triggerEventId(),
                        SessionChange.MERGED,
                        counts,
                        a.cartValue() + b.cartValue(),
                        SessionRing.merge(a.recent(), b.recent(), ringSize),
                        null),
                true);
    }
    private static boolean startsFirst(SessionSnapshot a, SessionSnapshot b) {
        return a.startTs() != b.startTs()
                ? a.startTs() < b.startTs()
                : a.sessionId().compareTo(b.sessionId()) <= 0;
    }

    private static SessionEvent ringEvent(Click click) {
        return new SessionEvent(
                click.eventId(), click.type(), click.ts(), click.itemId(), click.categoryId(), click.price());
    }

    private static double cartDelta(Click click) {
        if (click.type() == EventType.ADD_TO_CART) {
            return click.price();
        }
        return click.type() == EventType.REMOVE_FROM_CART ? -click.price() : 0.0;
    }
}
