package io.intentflow.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code cluster start|stop|status}: what they do to the local cluster, and what they print. */
final class ClusterCommands {

    private ClusterCommands() {}

    static int start(LocalCluster cluster, Map<String, String> overrides) throws IOException, InterruptedException {
        System.out.println("cluster: " + cluster.start(overrides));
        return status(cluster);
    }

    static int stop(LocalCluster cluster) throws IOException, InterruptedException {
        List<LocalCluster.Member> stopped = cluster.stop();
        if (stopped.isEmpty()) {
            System.out.println("cluster: not running");
        }
        stopped.forEach(m -> System.out.printf("cluster: stopped %s (pid %d)%n", m.name(), m.process().pid()));
        return OpsCli.OK;
    }

    static int status(LocalCluster cluster) throws IOException {
        Optional<LocalCluster.Member> jobManager = cluster.jobManager();
        List<LocalCluster.Member> taskManagers = cluster.taskManagers();
        if (jobManager.isEmpty()) {
            System.out.println("cluster: not running" + (taskManagers.isEmpty() ? "" : " (a TaskManager without its JobManager: bin/intentflow cluster stop)"));
            return OpsCli.NOT_RUNNING;
        }
        FlinkRest rest = cluster.rest();
        if (!rest.answers()) {
            System.out.printf("cluster: the JobManager (pid %d) runs but its REST API does not answer on %s; see %s%n",
                    jobManager.get().process().pid(), rest.base(), jobManager.get().log());
            return OpsCli.FAILED;
        }
        JsonNode overview = rest.overview();
        System.out.printf("cluster: running, Flink %s, Web UI %s (%d TaskManager(s), %d of %d slots free)%n",
                overview.path("flink-version").asText(), rest.base(), overview.path("taskmanagers").asInt(),
                overview.path("slots-available").asInt(), overview.path("slots-total").asInt());
        for (LocalCluster.Member member : concat(jobManager.get(), taskManagers)) {
            System.out.printf("  %-14s pid %-8d log %s%n", member.name(), member.process().pid(), member.log());
        }
        for (FlinkRest.JobSummary job : Deployer.runningJobs(rest)) {
            JobParallelism parallelism = JobParallelism.of(rest, job.id());
            System.out.printf("  job %s %s (%s) at parallelism %d%n", job.id(), job.name(), job.state(), parallelism.job());
            parallelism.lines("    ").forEach(System.out::println);
        }
        return OpsCli.OK;
    }

    private static List<LocalCluster.Member> concat(LocalCluster.Member first, List<LocalCluster.Member> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }
}
