package io.intentflow.tools.evaluate.run;

import io.intentflow.model.EventType;
import io.intentflow.tools.datasets.Dataset;
import io.intentflow.tools.datasets.DatasetClick;
import io.intentflow.tools.datasets.DatasetFormat;
import io.intentflow.tools.datasets.DatasetOrder;
import io.intentflow.tools.datasets.DatasetRecord;
import io.intentflow.tools.datasets.DatasetReport;
import io.intentflow.tools.evaluate.OrderValues;
import io.intentflow.tools.evaluate.PurchaseLabels;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A dataset's records in event-time order, in memory: the evaluation reads them twice (every
 * purchase first, for the labels; then the run), and pretraining reads the first half.
 *
 * @param summary what the reader read and rejected
 */
public record LoadedDataset(String format, List<DatasetRecord> records, String summary) {

    /** Share of the events at either end left out of the span the split halves: stray timestamps must not move it. */
    private static final double STRAY_SHARE = 0.001;

    /** @param limit the first records in event time to keep; {@code Long.MAX_VALUE} for all */
    public static LoadedDataset read(DatasetFormat format, Path input, long limit) throws IOException {
        try (Dataset dataset = Dataset.read(format, input)) {
            DatasetReport report = dataset.report();
            List<DatasetRecord> records = dataset.records().limit(limit).toList();
            if (records.isEmpty()) {
                throw new IllegalArgumentException(input + " holds no " + format.name() + " records: " + report.summary());
            }
            return new LoadedDataset(format.name(), records, report.summary());
        }
    }

    /** Every purchase, an order or a purchase click: what labels each event, with its amount. */
    public PurchaseLabels labels(Duration horizon) {
        PurchaseLabels labels = new PurchaseLabels(horizon);
        purchases((user, ts, amount) -> labels.add(user, ts, amount));
        return labels;
    }

    /** Every purchase's amount, for the order-value baseline. */
    public OrderValues orderValues() {
        OrderValues values = new OrderValues();
        purchases(values::add);
        return values;
    }

    private interface PurchaseSink {
        void add(String userId, long ts, double amount);
    }

    /** Each purchase with its amount: an order's {@code amount}, a purchase click's {@code price} (0 where absent). */
    private void purchases(PurchaseSink sink) {
        for (DatasetRecord record : records) {
            if (record instanceof DatasetOrder order) {
                sink.add(order.userId(), order.ts(), order.amount());
            } else if (record instanceof DatasetClick click && click.type() == EventType.PURCHASE) {
                sink.add(click.userId(), click.ts(), click.price() == null ? 0 : click.price());
            }
        }
    }

    public long firstTs() {
        return records.get(0).ts();
    }

    public long lastTs() {
        return records.get(records.size() - 1).ts();
    }

    /**
     * The middle of the dataset's event time, between its 0.1st and 99.9th percentiles: a few rows
     * far outside the collection window (Taobao's sample has 35 from as far back as September,
     * two months before the rest) would otherwise put nearly everything in one half.
     */
    public long middleTs() {
        int stray = (int) Math.floor(records.size() * STRAY_SHARE);
        long from = records.get(stray).ts();
        long to = records.get(records.size() - 1 - stray).ts();
        return from + (to - from) / 2;
    }
}
