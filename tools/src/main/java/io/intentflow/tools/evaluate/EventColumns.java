package io.intentflow.tools.evaluate;

import java.util.List;

/** A method's scored events as the metrics read them: one array per field, in the events' order. */
public record EventColumns(double[] scores, boolean[] labels, String[] users) {

    public static EventColumns of(List<ScoredEvent> events) {
        double[] scores = new double[events.size()];
        boolean[] labels = new boolean[events.size()];
        String[] users = new String[events.size()];
        for (int i = 0; i < scores.length; i++) {
            ScoredEvent e = events.get(i);
            scores[i] = e.score();
            labels[i] = e.label();
            users[i] = e.userId();
        }
        return new EventColumns(scores, labels, users);
    }

    public int positives() {
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        return positives;
    }
}
