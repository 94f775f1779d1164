package io.intentflow.tools.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a job runs on its cluster, as {@code deploy} and {@code cluster status} print it: each
 * vertex with its parallelism and the TaskManagers its subtasks were placed on.
 */
record JobLayout(List<JobLayout.PlacedVertex> vertices) {

    /** A vertex and its subtasks per TaskManager resource id. */
    record PlacedVertex(FlinkRest.Vertex vertex, Map<String, Integer> subtasksPerTaskManager) {}

    static JobLayout of(FlinkRest rest, String jobId) throws IOException {
        List<PlacedVertex> vertices = new ArrayList<>();
        for (FlinkRest.Vertex vertex : rest.vertices(jobId)) {
            vertices.add(new PlacedVertex(vertex, rest.subtasksPerTaskManager(jobId, vertex.id())));
        }
        return new JobLayout(vertices);
    }

    /** The job's parallelism: the highest of its vertices (a vertex that must be single, like the trainer, runs at 1). */
    int job() {
        return vertices.stream().mapToInt(v -> v.vertex().parallelism()).max().orElse(0);
    }

    /** A line per vertex: its parallelism, its name, then where its subtasks run (empty until they are deployed). */
    List<String> lines(String indent) {
        return vertices.stream()
                .map(v -> String.format("%s%3d  %s%s", indent, v.vertex().parallelism(), v.vertex().name(), placement(v)))
                .toList();
    }

    private static String placement(PlacedVertex vertex) {
        if (vertex.subtasksPerTaskManager().isEmpty()) {
            return "";
        }
        return vertex.subtasksPerTaskManager().entrySet().stream()
                .map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", ", "  [on ", "]"));
    }
}
