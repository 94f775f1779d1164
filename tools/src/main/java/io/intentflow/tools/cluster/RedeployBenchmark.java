package io.intentflow.tools.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The ND4J trap, measured: deploys the job to the running local cluster, lets it run, cancels
 * it, and again, printing the TaskManagers' resident memory and the ND4J native libraries they
 * map after each run. With DL4J/ND4J on the cluster's classpath (parent-first) the natives are
 * mapped once; with them inside the job jar, every submission would load another ND4J and map
 * another copy.
 */
final class RedeployBenchmark {

    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(60);

    private final LocalCluster cluster;
    private final Path jar;
    private final List<String> jobArgs;

    RedeployBenchmark(LocalCluster cluster, Path jar, List<String> jobArgs) {
        this.cluster = cluster;
        this.jar = jar;
        this.jobArgs = jobArgs;
    }

    int run(int runs, Duration runTime) throws IOException, InterruptedException {
        if (cluster.jobManager().isEmpty() || cluster.taskManagers().isEmpty()) {
            throw new IOException("no local Flink cluster runs: start one with bin/intentflow cluster start");
        }
        FlinkRest rest = cluster.rest();
        if (!Deployer.runningJobs(rest).isEmpty()) {
            throw new IOException("a job already runs on the cluster; stop it first (bin/intentflow stop)");
        }
        System.out.printf(Locale.ROOT, "bench-redeploy: %d runs of %d s, jar %s (%d MB)%n",
                runs, runTime.toSeconds(), jar, Files.size(jar) >> 20);
        System.out.println("| run | job | TaskManager RSS after cancel (MB) | ND4J native libraries mapped |");
        System.out.println("|---:|---|---:|---:|");
        System.out.printf(Locale.ROOT, "| 0 | (before) | %d | %d |%n", taskManagerRssMb(), nd4jCopies());
        for (int run = 1; run <= runs; run++) {
            String jobId = Deployer.deploy(rest, jar, jobArgs, Optional.empty(), Optional.empty());
            awaitAllTasksRunning(rest, jobId);
            Thread.sleep(runTime.toMillis());
            rest.cancel(jobId);
            rest.awaitState(jobId, CANCEL_TIMEOUT, "CANCELED");
            System.out.printf(Locale.ROOT, "| %d | %s | %d | %d |%n", run, jobId, taskManagerRssMb(), nd4jCopies());
        }
        return OpsCli.OK;
    }

    private static void awaitAllTasksRunning(FlinkRest rest, String jobId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        while (!rest.allTasksRunning(jobId)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("job " + jobId + " did not have all its tasks running within " + RUNNING_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(500);
        }
    }

    /**
     * Distinct files of ND4J's native library mapped into the TaskManagers: one per JVM when ND4J
     * is loaded once; the trap adds one per submitted job (JavaCPP unpacks per jar file name).
     */
    private long nd4jCopies() throws IOException {
        long copies = 0;
        for (LocalCluster.Member tm : cluster.taskManagers()) {
            copies += Files.readAllLines(Path.of("/proc", Long.toString(tm.process().pid()), "maps")).stream()
                    .filter(line -> line.endsWith(".so") && line.contains("libnd4jcpu"))
                    .map(line -> line.substring(line.indexOf('/')))
                    .distinct()
                    .count();
        }
        return copies;
    }

    /** Resident memory of all TaskManagers together, from /proc (Linux). */
    private long taskManagerRssMb() throws IOException {
        long kb = 0;
        for (LocalCluster.Member tm : cluster.taskManagers()) {
            kb += Files.readAllLines(Path.of("/proc", Long.toString(tm.process().pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .sum();
        }
        return kb / 1024;
    }
}
