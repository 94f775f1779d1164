package io.intentflow.tools.evaluate.baselines;

import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.UserFeatures;
import io.intentflow.records.SessionSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The session-so-far aggregates that the ftrl and gbdt baselines learn from: one definition for
 * both, computed from the session update the job's scorer receives (the scored event included).
 * Counts and amounts are log(1 + x), so that a linear model sees them on a comparable scale
 * (trees are indifferent). Distinct items and categories and the gap to the previous event are
 * read from the update's ring, the last {@code session.ring-size} events. Under {@code
 * model.features: user} the update carries the user's history before the session, and the
 * baselines get the network's five user inputs too ({@link UserFeatures}); without it those are
 * 0, as for a new user, and change nothing (a linear model's weight on 0 never moves; a tree
 * never splits a constant).
 */
public final class SessionFeatures {

    public static final List<String> NAMES = names();

    private SessionFeatures() {}

    public static double[] of(SessionSnapshot s) {
        double[] x = new double[NAMES.size()];
        int i = 0;
        for (EventType type : EventType.values()) {
            x[i++] = Math.log1p(s.count(type));
        }
        x[i++] = Math.log1p(s.events());
        x[i++] = Math.log1p(Math.max(0, s.count(EventType.ADD_TO_CART) - s.count(EventType.REMOVE_FROM_CART)));
        x[i++] = Math.log1p(Math.max(0, s.cartValue()));
        x[i++] = Math.log1p((s.lastTs() - s.startTs()) / 1000.0);
        Set<String> items = new HashSet<>();
        Set<String> categories = new HashSet<>();
        long previousTs = -1;
        for (SessionEvent e : s.recent()) {
            if (e.eventId().equals(s.triggerEventId())) {
                break;
            }
            previousTs = e.ts();
        }
        for (SessionEvent e : s.recent()) {
            if (e.itemId() != null) {
                items.add(e.itemId());
            }
            if (e.categoryId() != null) {
                categories.add(e.categoryId());
            }
        }
        x[i++] = Math.log1p(items.size());
        x[i++] = Math.log1p(categories.size());
        x[i++] = previousTs < 0 ? 0 : Math.log1p((s.trigger().ts() - previousTs) / 1000.0);
        x[i++] = s.count(EventType.SEARCH) > 0 ? 1 : 0;
        x[i++] = s.count(EventType.CHECKOUT_START) > 0 ? 1 : 0;
        x[i + s.trigger().type().ordinal()] = 1;
        i += EventType.values().length;
        if (s.user() != null) {
            float[] user = UserFeatures.of(s.user(), s.trigger().ts());
            for (float u : user) {
                x[i++] = u;
            }
        }
        return x;
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (EventType type : EventType.values()) {
            names.add("log_count_" + type.wireName());
        }
        names.addAll(List.of(
                "log_events_seen", "log_cart_items", "log_cart_value", "log_duration_s", "log_distinct_items",
                "log_distinct_categories", "log_seconds_since_previous", "searched", "checkout_started"));
        for (EventType type : EventType.values()) {
            names.add("event_is_" + type.wireName());
        }
        names.addAll(List.of(
                "user_log_orders", "user_log_hours_since_order", "user_log_last_order_value", "user_log_sessions",
                "user_log_hours_since_session"));
        return List.copyOf(names);
    }
}
