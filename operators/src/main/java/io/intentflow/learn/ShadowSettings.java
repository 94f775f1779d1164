package io.intentflow.learn;

import java.io.Serializable;

/**
 * @param enabled a candidate that passes the gate goes live only after it beat the live model on
 *     live traffic (the shadow); false: at once
 * @param minExamples the shadow is judged once it and the live model have scored at least this
 *     many examples since it became the shadow, both classes among them
 * @param margin it is promoted when its prequential AUC on them is above the live model's by more
 *     than this; otherwise dropped
 */
public record ShadowSettings(boolean enabled, int minExamples, double margin) implements Serializable {

    /** Today's behaviour: a candidate that passes the gate goes live at once. */
    public static final ShadowSettings OFF = new ShadowSettings(false, 500, 0);
}
