package io.intentflow.tools.evaluate.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/** Takes what an operator in a harness emitted: its records, in order; watermarks are dropped. */
final class HarnessOutput {

    private HarnessOutput() {}

    @SuppressWarnings("unchecked")
    static <T> List<StreamRecord<T>> records(Queue<Object> output) {
        List<StreamRecord<T>> records = new ArrayList<>();
        for (Object element = output.poll(); element != null; element = output.poll()) {
            if (element instanceof StreamRecord<?> record) {
                records.add((StreamRecord<T>) record);
            }
        }
        return records;
    }

    static <T> List<T> values(Queue<Object> output) {
        return HarnessOutput.<T>records(output).stream().map(StreamRecord::getValue).toList();
    }
}
