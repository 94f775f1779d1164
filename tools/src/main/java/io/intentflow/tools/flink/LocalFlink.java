package io.intentflow.tools.flink;

import io.intentflow.job.IntentflowJob;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;

/**
 * The job in a local Flink inside this JVM (a MiniCluster started by the local environment), with
 * the Web UI and REST API on loopback: how the demo and the bench run it.
 */
public final class LocalFlink {

    private LocalFlink() {}

    /**
     * The job's own Flink defaults under {@code jobConfig} (see {@link
     * IntentflowJob#flinkConfiguration}), with the REST API on 127.0.0.1:{@code restPort}, the
     * given default parallelism, and checkpoints under {@code checkpoints}.
     */
    public static Configuration configuration(Configuration jobConfig, int restPort, int parallelism, Path checkpoints) {
        Configuration flink = IntentflowJob.flinkConfiguration(jobConfig);
        flink.set(RestOptions.PORT, restPort);
        flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        flink.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toAbsolutePath().toUri().toString());
        return flink;
    }
}
