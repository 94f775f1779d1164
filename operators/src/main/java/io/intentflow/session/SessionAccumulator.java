package io.intentflow.session;

import io.intentflow.records.SessionSnapshot;

/**
 * The session window's state: the session as of its latest event ({@code null} before the
 * first), and whether the window has just merged it with another session. That flag is set by
 * {@link SessionAggregate#merge} and consumed by the add that always follows a merge (the
 * bridging event), which reports the update as {@code merged}; it never leaves the window.
 */
public record SessionAccumulator(SessionSnapshot session, boolean mergePending) {

    static final SessionAccumulator EMPTY = new SessionAccumulator(null, false);

    boolean isEmpty() {
        return session == null;
    }
}
