package io.intentflow.tools.evaluate.run;

import io.intentflow.records.Click;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.Purchase;
import io.intentflow.records.RecordOrigin;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.tools.datasets.DatasetClick;
import io.intentflow.tools.datasets.DatasetOrder;
import io.intentflow.tools.datasets.DatasetRecord;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * A dataset through the job's session window and label joiner, in event time: records go in in
 * event-time order, and before each the watermark of both operators moves to just before it (the
 * job's watermark with no out-of-orderness, which sorted data does not need). Session updates and
 * labelled examples go to a {@link Downstream}, an update always before the examples it makes.
 */
public final class SessionsAndLabels implements AutoCloseable {

    /** What the job's operators after the window and the joiner do with their output. */
    public interface Downstream {

        void update(StreamRecord<SessionSnapshot> update) throws Exception;

        void example(LabelledExample example) throws Exception;
    }

    private final Sessionizer sessionizer;
    private final Labeller labeller;
    private final Downstream downstream;
    private long watermark = Long.MIN_VALUE;
    private long records;

    public SessionsAndLabels(JobGraph job, Downstream downstream) throws Exception {
        this.sessionizer = new Sessionizer(job);
        this.labeller = new Labeller(job);
        this.downstream = downstream;
    }

    public void accept(DatasetRecord record) throws Exception {
        advance(record.ts() - 1);
        RecordOrigin origin = new RecordOrigin("dataset", 0, records++);
        if (record instanceof DatasetClick c) {
            Click click = new Click(
                    c.eventId(), c.userId(), c.type(), c.itemId(), c.categoryId(), c.price() == null ? 0 : c.price(), c.query(), c.ts(), origin);
            for (StreamRecord<SessionSnapshot> update : sessionizer.add(click)) {
                downstream.update(update.copy(update.getValue()));
                examples(labeller.session(update));
            }
        } else if (record instanceof DatasetOrder o) {
            examples(labeller.purchase(new Purchase(o.orderId(), o.userId(), o.ts(), o.amount(), o.items().toArray(String[]::new), origin)));
        }
    }

    /** Moves event time on to {@code watermark}: prefixes whose horizon it passes go out as negatives. */
    public void advance(long watermark) throws Exception {
        if (watermark <= this.watermark) {
            return;
        }
        this.watermark = watermark;
        sessionizer.advance(watermark);
        examples(labeller.advance(watermark));
    }

    /** Clicks the window found late: none when the records come in event-time order. */
    public int lateClicks() {
        return sessionizer.late();
    }

    private void examples(List<LabelledExample> examples) throws Exception {
        for (LabelledExample example : examples) {
            downstream.example(example);
        }
    }

    @Override
    public void close() throws Exception {
        try (sessionizer) {
            labeller.close();
        }
    }
}
