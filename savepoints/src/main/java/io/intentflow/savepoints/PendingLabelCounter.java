package io.intentflow.savepoints;

import io.intentflow.learn.LabelJoiner;
import io.intentflow.records.SessionPrefix;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/** Per user: how many session prefixes wait for their label. */
class PendingLabelCounter extends KeyedStateReaderFunction<String, Long> {

    private static final long serialVersionUID = 1L;

    private transient MapState<Long, SessionPrefix[]> pending;

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(LabelJoiner.PENDING);
    }

    @Override
    public void readKey(String user, Context context, Collector<Long> out) throws Exception {
        long count = 0;
        for (SessionPrefix[] prefixes : pending.values()) {
            count += prefixes.length;
        }
        if (count > 0) {
            out.collect(count);
        }
    }
}
