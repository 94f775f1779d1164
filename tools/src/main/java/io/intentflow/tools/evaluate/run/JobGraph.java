package io.intentflow.tools.evaluate.run;

import io.intentflow.job.IntentflowJob;
import io.intentflow.job.config.JobOptions;
import io.intentflow.job.config.JobSettings;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.transformations.TwoInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * The job's dataflow as {@link IntentflowJob#build} wires it from a configuration, never run:
 * evaluate takes the job's own operators out of it by uid, with their settings, key selectors and
 * starting model, so that what it measures is exactly what the job runs. Building it connects to
 * nothing (the Kafka sources and sinks are only described).
 */
public final class JobGraph {

    private final JobSettings settings;
    private final StreamExecutionEnvironment env;

    private JobGraph(JobSettings settings, StreamExecutionEnvironment env) {
        this.settings = settings;
        this.env = env;
    }

    /** @param model the model file the job starts from ({@code model.path}); null for none */
    public static JobGraph of(Configuration conf, Path model) {
        Configuration job = new Configuration(conf);
        if (model != null) {
            job.set(JobOptions.MODEL_PATH, model.toString());
        }
        JobSettings settings = JobSettings.from(job);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        IntentflowJob.onKafka(settings).build(env);
        return new JobGraph(settings, env);
    }

    public JobSettings settings() {
        return settings;
    }

    /** The keyed one-input operator with {@code uid}, in a harness with the job's key selector; not yet open. */
    @SuppressWarnings("unchecked")
    <I, O> KeyedOneInputStreamOperatorTestHarness<String, I, O> keyedHarness(String uid) throws Exception {
        OneInputTransformation<I, O> operator = operator(uid);
        return new KeyedOneInputStreamOperatorTestHarness<>(
                operator.getOperator(), (KeySelector<I, String>) operator.getStateKeySelector(), (TypeInformation<String>) operator.getStateKeyType());
    }

    /**
     * The keyed two-input operator with {@code uid}, in a harness with the job's key selectors (a
     * broadcast second input has none); not yet open.
     */
    @SuppressWarnings("unchecked")
    <I1, I2, O> KeyedTwoInputStreamOperatorTestHarness<String, I1, I2, O> keyedTwoInputHarness(String uid) throws Exception {
        TwoInputTransformation<I1, I2, O> operator = operator(uid);
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                operator.getOperator(),
                (KeySelector<I1, String>) operator.getStateKeySelector1(),
                (KeySelector<I2, String>) operator.getStateKeySelector2(),
                (TypeInformation<String>) operator.getStateKeyType());
    }

    /** The transformation of the operator with {@code uid} (an {@code OperatorIds} constant). */
    @SuppressWarnings("unchecked")
    <T extends Transformation<?>> T operator(String uid) {
        return (T) env.getTransformations().stream()
                .flatMap(t -> t.getTransitivePredecessors().stream())
                .filter(t -> uid.equals(t.getUid()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the job has no operator with uid " + uid + " in this configuration"));
    }
}
