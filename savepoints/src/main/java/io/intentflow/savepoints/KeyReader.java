package io.intentflow.savepoints;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/** Every key (user) that holds an entry of one map state. */
class KeyReader extends KeyedStateReaderFunction<String, String> {

    private static final long serialVersionUID = 1L;

    private final MapStateDescriptor<?, ?> state;

    KeyReader(MapStateDescriptor<?, ?> state) {
        this.state = state;
    }

    @Override
    public void open(OpenContext openContext) {
        // Registering the state is what makes the reader visit its keys.
        getRuntimeContext().getMapState(state);
    }

    @Override
    public void readKey(String user, Context context, Collector<String> out) {
        out.collect(user);
    }
}
