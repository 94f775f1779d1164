package io.intentflow.tools.pretrain;

import io.intentflow.model.training.LabelledSession;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.tools.datasets.DatasetRecord;
import io.intentflow.tools.evaluate.run.JobGraph;
import io.intentflow.tools.evaluate.run.SessionsAndLabels;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The labelled examples the job's trainer would get from a dataset's records before {@code
 * until}: the records through the job's session window and label joiner (taken from its graph), in event time, and
 * every example whose label is known before {@code until} (a purchase before it, or a horizon
 * that ended before it).
 */
public final class DatasetExamples {

    private DatasetExamples() {}

    public static List<LabelledSession> before(JobGraph job, Iterable<DatasetRecord> records, long until) throws Exception {
        List<LabelledSession> examples = new ArrayList<>();
        SessionsAndLabels.Downstream collect = new SessionsAndLabels.Downstream() {
            @Override
            public void update(StreamRecord<SessionSnapshot> update) {
                // Pretraining learns from labelled prefixes only.
            }

            @Override
            public void example(LabelledExample example) {
                if (example.labelTs() < until) {
                    examples.add(example.featurized(job.settings().scorer().network().featureSet()));
                }
            }
        };
        try (SessionsAndLabels operators = new SessionsAndLabels(job, collect)) {
            for (DatasetRecord record : records) {
                if (record.ts() >= until) {
                    break;
                }
                operators.accept(record);
            }
            operators.advance(until - 1);
        }
        return examples;
    }
}
