package io.intentflow.tools.cluster;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** The smallest job with an operator at the default parallelism: what {@link DeployerTest} submits as a jar. */
public final class ProbeJob {

    private ProbeJob() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, Long.MAX_VALUE).name("Numbers").rebalance().sinkTo(new DiscardingSink<>()).name("Nowhere");
        env.execute("probe");
    }
}
