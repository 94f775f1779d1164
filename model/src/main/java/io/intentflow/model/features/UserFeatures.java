package io.intentflow.model.features;

import java.util.Arrays;

/**
 * The inputs {@link FeatureSet#USER} adds after the session's, from the user's history before the
 * session ({@link UserContext}) and the event's own time. Scaled like the session's, roughly
 * into [0, 1] (a year is log(1 + 8,760 h) / 8 = 1.14).
 *
 * <table>
 *   <tr><th>index</th><th>feature</th></tr>
 *   <tr><td>25</td><td>log(1 + orders before the session) / 3</td></tr>
 *   <tr><td>26</td><td>log(1 + hours from the last order to this event) / 8; 0 without an order</td></tr>
 *   <tr><td>27</td><td>log(1 + the last order's value) / 6; 0 without an order or a value</td></tr>
 *   <tr><td>28</td><td>log(1 + sessions before this one) / 4</td></tr>
 *   <tr><td>29</td><td>log(1 + hours from the previous session's last event to this event) / 8; 0 in a first session</td></tr>
 * </table>
 */
public final class UserFeatures {

    /** How many inputs the user adds. */
    public static final int FEATURES = 5;

    private static final double HOUR_MS = 3_600_000.0;

    private UserFeatures() {}

    /** {@code session}'s features followed by the user's; {@code user} null reads as {@link UserContext#NEW}. */
    static float[] append(float[] session, UserContext user, long eventTs) {
        float[] x = Arrays.copyOf(session, session.length + FEATURES);
        System.arraycopy(of(user, eventTs), 0, x, session.length, FEATURES);
        return x;
    }

    /** The user's inputs alone, as the table above numbers them from 0; {@code user} null reads as {@link UserContext#NEW}. */
    public static float[] of(UserContext user, long eventTs) {
        UserContext u = user == null ? UserContext.NEW : user;
        float[] x = new float[FEATURES];
        x[0] = (float) (Math.log1p(u.orders()) / 3);
        if (u.orders() > 0) {
            x[1] = hoursSince(u.lastOrderTs(), eventTs);
            x[2] = (float) (Math.log1p(Math.max(0, u.lastOrderValue())) / 6);
        }
        x[3] = (float) (Math.log1p(u.sessions()) / 4);
        if (u.sessions() > 0) {
            x[4] = hoursSince(u.lastSessionTs(), eventTs);
        }
        return x;
    }

    private static float hoursSince(long then, long now) {
        return (float) (Math.log1p(Math.max(0, now - then) / HOUR_MS) / 8);
    }
}
