package io.intentflow.tools.cluster;

import io.intentflow.job.IntentflowJob;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Submits the job jar to a session cluster through REST, and finds the Intentflow job running there. */
public final class Deployer {

    private Deployer() {}

    /**
     * Uploads the jar, runs it with {@code args} (from {@code savepoint} if given) at {@code
     * parallelism}, else at the cluster's {@code parallelism.default}, and removes the upload
     * again (the running job keeps its own copy); returns the job id.
     */
    public static String deploy(FlinkRest rest, Path jar, List<String> args, Optional<Integer> parallelism, Optional<String> savepoint)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no job jar at " + jar + ": build it with bin/intentflow build");
        }
        // A run request without a parallelism runs at 1, not at the cluster's parallelism.default
        // (Flink's jar handlers fall back to the option's own default): name the cluster's.
        Optional<Integer> runAt = parallelism.isPresent() ? parallelism : rest.defaultParallelism();
        String jarId = rest.uploadJar(jar);
        try {
            return rest.runJar(jarId, args, runAt, savepoint.map(ClusterConfig::absoluteUri));
        } finally {
            rest.deleteJar(jarId);
        }
    }

    /** The running Intentflow job, or the one named by {@code jobId}. */
    public static FlinkRest.JobSummary runningJob(FlinkRest rest, Optional<String> jobId) throws IOException {
        List<FlinkRest.JobSummary> running = runningJobs(rest).stream()
                .filter(job -> jobId.map(job.id()::equals).orElse(job.name().equals(IntentflowJob.JOB_NAME)))
                .toList();
        if (running.isEmpty()) {
            throw new IOException(jobId.map(id -> "job " + id + " is not running on " + rest.base())
                    .orElse("no " + IntentflowJob.JOB_NAME + " job is running on " + rest.base() + " (bin/intentflow deploy starts one)"));
        }
        if (running.size() > 1) {
            throw new IOException("several " + IntentflowJob.JOB_NAME + " jobs run; name one with --job ID: "
                    + running.stream().map(FlinkRest.JobSummary::id).toList());
        }
        return running.get(0);
    }

    /** The jobs on the cluster that have not ended. */
    public static List<FlinkRest.JobSummary> runningJobs(FlinkRest rest) throws IOException {
        return rest.jobs().stream().filter(FlinkRest.JobSummary::isRunning).toList();
    }

    /** The shaded job jar in a build's target folder. */
    public static Path jobJar(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "intentflow-job-*.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            }
        }
        throw new IOException("no job jar in " + target + ": build it with bin/intentflow build");
    }
}
