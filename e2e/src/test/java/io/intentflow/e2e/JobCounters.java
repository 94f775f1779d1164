package io.intentflow.e2e;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/** A running job's counters and gauges as the in-memory reporter holds them, summed over subtasks. */
record JobCounters(InMemoryReporter metrics, JobClient job) {

    long counter(String name) {
        return metrics.findMetrics(job.getJobID(), name).entrySet().stream()
                .filter(e -> e.getKey().endsWith("." + name) && e.getValue() instanceof Counter)
                .mapToLong(e -> ((Counter) e.getValue()).getCount())
                .sum();
    }

    long gauge(String name) {
        return metrics.findMetrics(job.getJobID(), name).values().stream()
                .filter(m -> m instanceof Gauge<?> g && g.getValue() instanceof Number)
                .mapToLong(m -> ((Number) ((Gauge<?>) m).getValue()).longValue())
                .sum();
    }
}
