package io.intentflow.tools.cluster;

import java.io.IOException;
import java.util.List;

/** How a job runs on its cluster, as {@code deploy} and {@code cluster status} print it: each vertex with its parallelism. */
record JobParallelism(List<FlinkRest.Vertex> vertices) {

    static JobParallelism of(FlinkRest rest, String jobId) throws IOException {
        return new JobParallelism(rest.vertices(jobId));
    }

    /** The job's parallelism: the highest of its vertices (a vertex that must be single, like the trainer, runs at 1). */
    int job() {
        return vertices.stream().mapToInt(FlinkRest.Vertex::parallelism).max().orElse(0);
    }

    /** A line per vertex, its parallelism then its name. */
    List<String> lines(String indent) {
        return vertices.stream().map(v -> String.format("%s%3d  %s", indent, v.parallelism(), v.name())).toList();
    }
}
