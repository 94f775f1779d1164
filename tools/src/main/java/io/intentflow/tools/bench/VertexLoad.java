package io.intentflow.tools.bench;

import io.intentflow.tools.demo.JobMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a variant's time goes: each vertex's busy and back-pressured time per second (Flink's
 * task metrics, the Web UI's colours), averaged over its subtasks and over the samples taken
 * while the variant is measured. The busy vertex that is not back-pressured limits the job.
 */
final class VertexLoad {

    /** Milliseconds per second, of 1000. */
    record Share(double busyMsPerSecond, double backPressuredMsPerSecond) {}

    private final Map<String, double[]> sums = new LinkedHashMap<>();
    private int samples;

    void sample(JobMetrics metrics) {
        for (String vertex : metrics.vertexNames()) {
            double[] sum = sums.computeIfAbsent(vertex, v -> new double[2]);
            sum[0] += mean(metrics, vertex, "busyTimeMsPerSecond");
            sum[1] += mean(metrics, vertex, "backPressuredTimeMsPerSecond");
        }
        samples++;
    }

    Map<String, Share> shares() {
        Map<String, Share> shares = new LinkedHashMap<>();
        sums.forEach((vertex, sum) -> shares.put(vertex, new Share(sum[0] / samples, sum[1] / samples)));
        return shares;
    }

    private static double mean(JobMetrics metrics, String vertex, String metric) {
        return metrics.bySubtask(vertex, metric).values().stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).average().orElse(0);
    }
}
