package io.intentflow.records;

/**
 * One event's part in a score: how much the score drops when the session is scored without it.
 *
 * @param type the event type's wire name ({@code add_to_cart}, ...)
 * @param position the event's position in the session, from 0
 */
public record EventAttribution(String eventId, String type, String itemId, int position, float attribution) {}
