package io.intentflow.tools.replay;

import io.intentflow.tools.datasets.DatasetClick;
import io.intentflow.tools.datasets.DatasetOrder;
import io.intentflow.tools.datasets.DatasetRecord;
import io.intentflow.tools.kafka.ProducerThread;
import io.intentflow.tools.kafka.RecordEncoder;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sends a dataset's records to Kafka in their (event-time) order, on a thread of its own: clicks
 * to the clicks topic, orders to purchases, keyed by user, event time in {@code ts}. Paced at
 * {@code --speed} times real time from the first record, or as fast as the broker takes them.
 * Kafka timestamps are send times: a 2017 timestamp would fall to the broker's time-based
 * retention at once.
 */
public final class Replayer extends ProducerThread<Replayer.Kind> {

    /** What is counted. */
    public enum Kind {
        CLICK,
        ORDER
    }

    private final ReplaySettings settings;
    private final Stream<DatasetRecord> records;
    /** Event time of the latest record sent; 0 before the first. */
    private volatile long eventTime;

    /** @param records in event-time order, as {@code Dataset.records()} gives them */
    public Replayer(ReplaySettings settings, Stream<DatasetRecord> records) {
        super("replay", settings.bootstrap(), List.of(settings.clicksTopic(), settings.purchasesTopic()), Kind.class, EnumSet.noneOf(Kind.class));
        this.settings = settings;
        this.records = records;
    }

    @Override
    public long clicksSent() {
        return sent(Kind.CLICK);
    }

    public long eventTime() {
        return eventTime;
    }

    @Override
    protected void produce() throws InterruptedException {
        ReplaySchedule schedule = settings.speed().isPresent()
                ? new ReplaySchedule(settings.speed().getAsDouble(), settings.maxPause(), System.currentTimeMillis())
                : null;
        Iterator<DatasetRecord> next = records.limit(settings.limit().orElse(Long.MAX_VALUE)).iterator();
        while (running() && next.hasNext()) {
            DatasetRecord record = next.next();
            if (schedule != null && !awaitWallClock(schedule.dueAt(record.ts()), Long.MAX_VALUE)) {
                return;
            }
            if (record instanceof DatasetClick c) {
                send(settings.clicksTopic(), c.userId(),
                        RecordEncoder.click(c.eventId(), c.userId(), c.type(), c.itemId(), c.categoryId(), c.price(), c.query(), c.ts()),
                        Kind.CLICK);
            } else {
                DatasetOrder o = (DatasetOrder) record;
                send(settings.purchasesTopic(), o.userId(), RecordEncoder.order(o.orderId(), o.userId(), o.ts(), o.amount(), o.items()),
                        Kind.ORDER);
            }
            eventTime = record.ts();
        }
    }
}
