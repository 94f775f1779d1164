package io.intentflow.e2e;

import io.intentflow.tools.cluster.Deployer;
import io.intentflow.tools.cluster.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * The real local cluster for the *IT tests: {@code conf/config.yaml} with ports of its own (a
 * cluster the developer runs on :8081 is left alone) and checkpoints and savepoints in the test's
 * folder; and the job jar and arguments to deploy to it.
 */
final class TestCluster {

    private TestCluster() {}

    /** Starts a JobManager and {@code taskManagers} TaskManagers of {@code slots} slots each, under {@code dir}. */
    static LocalCluster start(Path dir, int taskManagers, int slots) throws IOException, InterruptedException {
        LocalCluster cluster = new LocalCluster(
                Path.of("..", "conf"), dir.resolve("cluster"), Files.readString(Path.of("..", "job", "target", "cluster.classpath")).trim());
        cluster.start(Map.of(
                "rest.port", Integer.toString(KafkaBrokerExtension.freePort()),
                "jobmanager.rpc.port", Integer.toString(KafkaBrokerExtension.freePort()),
                "taskmanager.numberOfTaskSlots", Integer.toString(slots),
                // The REST API's view of the metrics at most a second old (default 10 s): tests compare them.
                "metrics.fetcher.update-interval", "1 s",
                "execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString(),
                "execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toUri().toString()),
                taskManagers);
        return cluster;
    }

    /** The shaded job jar the build made. */
    static Path jobJar() throws IOException {
        return Deployer.jobJar(Path.of("..", "job", "target"));
    }

    /** The job configuration as the job's command-line arguments. */
    static List<String> args(Configuration config) {
        List<String> args = new ArrayList<>();
        config.toMap().forEach((key, value) -> args.addAll(List.of("--" + key, value)));
        return args;
    }
}
