package io.intentflow.tools.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploying through Flink's real REST API (a MiniCluster's, on a free loopback port, with the
 * same jar handlers as a session cluster, and two TaskManagers of one slot each): a job deployed
 * without {@code --parallelism} runs at the cluster's {@code parallelism.default}, not at the 1
 * Flink's run handler falls back to, and its layout names the TaskManagers each vertex runs on.
 */
class DeployerTest {

    private static final int CLUSTER_PARALLELISM = 2;

    private static MiniCluster cluster;
    private static FlinkRest rest;

    @TempDir static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, CLUSTER_PARALLELISM);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, 0);
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(CLUSTER_PARALLELISM)
                .setNumSlotsPerTaskManager(1)
                .build());
        cluster.start();
        rest = new FlinkRest(cluster.getRestAddress().get());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void withoutAParallelismTheJobRunsAtTheClustersDefault() throws Exception {
        assertThat(rest.defaultParallelism()).contains(CLUSTER_PARALLELISM);

        String jobId = Deployer.deploy(rest, probeJar(), List.of(), Optional.empty(), Optional.empty());
        try {
            rest.awaitAllTasksRunning(jobId, Duration.ofSeconds(60));
            JobLayout layout = JobLayout.of(rest, jobId);
            List<String> taskManagers = rest.taskManagers().stream().map(FlinkRest.TaskManager::id).toList();

            assertThat(layout.job()).isEqualTo(CLUSTER_PARALLELISM);
            assertThat(layout.vertices()).allSatisfy(v -> {
                assertThat(v.vertex().parallelism()).isEqualTo(CLUSTER_PARALLELISM);
                assertThat(v.subtasksPerTaskManager()).as("one subtask on each one-slot TaskManager")
                        .containsOnlyKeys(taskManagers)
                        .containsValues(1);
            });
            assertThat(layout.lines("  ")).anySatisfy(line -> assertThat(line)
                    .startsWith("    2  Source: Numbers  [on ")
                    .contains(taskManagers.get(0) + " x1", taskManagers.get(1) + " x1"));
        } finally {
            stop(jobId);
        }
    }

    @Test
    void aGivenParallelismWins() throws Exception {
        String jobId = Deployer.deploy(rest, probeJar(), List.of(), Optional.of(1), Optional.empty());
        try {
            assertThat(JobLayout.of(rest, jobId).job()).isEqualTo(1);
        } finally {
            stop(jobId);
        }
    }

    private static void stop(String jobId) throws Exception {
        rest.cancel(jobId);
        rest.awaitState(jobId, Duration.ofSeconds(60), "CANCELED", "FAILED", "FINISHED");
    }

    /** A job jar holding {@link ProbeJob} as its main class. */
    private static Path probeJar() throws IOException {
        Path jar = dir.resolve("probe.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ProbeJob.class.getName());
        String entry = ProbeJob.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream classFile = ProbeJob.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
