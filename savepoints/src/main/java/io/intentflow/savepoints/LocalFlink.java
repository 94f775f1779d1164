package io.intentflow.savepoints;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The in-process Flink the tools run on, one task: they read and write savepoint files, no
 * cluster needed.
 * Unlike the job, generic types stay allowed: the State Processor API moves its own records
 * (operator subtask states) with Kryo. The job's state types are read and written with the
 * serializers of their descriptors, the same POJO serializers the job uses.
 */
final class LocalFlink {

    private LocalFlink() {}

    static StreamExecutionEnvironment environment() {
        return StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration());
    }
}
