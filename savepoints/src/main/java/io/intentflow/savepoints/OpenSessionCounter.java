package io.intentflow.savepoints;

import io.intentflow.score.IntentScorer;
import io.intentflow.score.SessionScoringState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/** Per user: how many sessions the scorer carries state for. */
class OpenSessionCounter extends KeyedStateReaderFunction<String, Long> {

    private static final long serialVersionUID = 1L;

    private transient MapState<String, SessionScoringState> sessions;

    @Override
    public void open(OpenContext openContext) {
        sessions = getRuntimeContext().getMapState(IntentScorer.SESSIONS);
    }

    @Override
    public void readKey(String user, Context context, Collector<Long> out) throws Exception {
        long count = 0;
        for (String ignored : sessions.keys()) {
            count++;
        }
        if (count > 0) {
            out.collect(count);
        }
    }
}
