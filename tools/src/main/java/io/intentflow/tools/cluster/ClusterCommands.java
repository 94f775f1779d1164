package io.intentflow.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code cluster start|add-taskmanager|stop|status}: what they do to the local cluster, and what they print. */
final class ClusterCommands {

    private ClusterCommands() {}

    static int start(LocalCluster cluster, Map<String, String> overrides, int taskManagers) throws IOException, InterruptedException {
        System.out.println("cluster: " + cluster.start(overrides, taskManagers));
        return status(cluster);
    }

    static int addTaskManager(LocalCluster cluster) throws IOException, InterruptedException {
        if (cluster.jobManager().isEmpty()) {
            System.out.println("cluster: not running (bin/intentflow cluster start)");
            return OpsCli.NOT_RUNNING;
        }
        System.out.println("cluster: started " + cluster.startTaskManager());
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
        System.out.printf("  %-14s pid %-8d log %s%n", jobManager.get().name(), jobManager.get().process().pid(), jobManager.get().log());
        taskManagerLines(taskManagers, rest.taskManagers()).forEach(System.out::println);
        for (FlinkRest.JobSummary job : Deployer.runningJobs(rest)) {
            JobLayout layout = JobLayout.of(rest, job.id());
            System.out.printf("  job %s %s (%s) at parallelism %d%n", job.id(), job.name(), job.state(), layout.job());
            layout.lines("    ").forEach(System.out::println);
        }
        return OpsCli.OK;
    }

    /**
     * A line per TaskManager: those with a process here, with what the JobManager knows of them
     * (slots, data port) or that it does not know them yet; then any the JobManager still lists
     * without a process here (one just killed, until its heartbeat times out).
     */
    static List<String> taskManagerLines(List<LocalCluster.Member> processes, List<FlinkRest.TaskManager> registered) {
        Map<String, FlinkRest.TaskManager> byId = registered.stream()
                .collect(Collectors.toMap(FlinkRest.TaskManager::id, Function.identity(), (a, b) -> a));
        List<String> lines = new ArrayList<>();
        for (LocalCluster.Member member : processes) {
            FlinkRest.TaskManager tm = byId.remove(member.name());
            String registration = tm == null
                    ? "not registered (yet)"
                    : String.format("%d slots (%d free), data port %d", tm.slots(), tm.freeSlots(), tm.dataPort());
            lines.add(String.format("  %-14s pid %-8d %s, log %s", member.name(), member.process().pid(), registration, member.log()));
        }
        byId.values().forEach(tm -> lines.add(String.format("  %-14s no process here, still registered at %s", tm.id(), tm.path())));
        return lines;
    }
}
