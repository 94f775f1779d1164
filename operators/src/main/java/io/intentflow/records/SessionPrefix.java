package io.intentflow.records;

import io.intentflow.model.SessionEvent;

/**
 * A session as it stood after one of its events: the input of one training example.
 *
 * @param events the session's ring then, in event-time order
 * @param firstPosition the position in the session of {@code events[0]}
 * @param prefixTs event time of the prefix's last event
 */
public record SessionPrefix(String userId, String sessionId, SessionEvent[] events, int firstPosition, long prefixTs) {}
