package io.intentflow.savepoints;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink the tools run on, one task: from the command line an in-process one (they read and
 * write savepoint files, no cluster needed); in tests, the test's cluster.
 *
 * <p>Unlike the job, generic types stay allowed: the State Processor API moves its own records
 * (operator subtask states) with Kryo. The job's state types are read and written with the
 * serializers of their descriptors, the same POJO serializers the job uses.
 */
final class LocalFlink {

    private LocalFlink() {}

    static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(1);
        return env;
    }
}
