package io.intentflow.learn;

import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.Purchase;
import io.intentflow.records.SessionChange;
import io.intentflow.records.SessionPrefix;
import io.intentflow.records.SessionSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins each user's session prefixes to the purchases that follow them, in event time.
 *
 * <p>Which prefixes become examples: a session's prefixes after its 1st, 2nd, 3rd and 4th events
 * and then after every power-of-two event (8, 16, 32, ...), so a session of n events gives at
 * most 4 + log2(n) examples and long sessions do not dominate training. A prefix is positive when
 * a purchase by the user (an order on {@code purchases} or a {@code purchase} click) follows it
 * within the horizon, negative when the watermark passes its end plus the horizon (a timer), so
 * no label waits forever. Prefixes after a purchase in the session are taken too, with the
 * purchase among their inputs (the featurizer counts it): the scorer scores those events, and a
 * buyer is more likely to buy again soon. Only a purchase after a prefix's end labels it, so a
 * purchase is never among the features of the prefixes it labels.
 *
 * <p>A {@code purchase} click labels like an order, whether it was appended to its session,
 * arrived out of order, or bridged two sessions into one: the prefixes before it within the
 * horizon become positive. Prefixes taken after it, before it arrived, stay pending: none holds
 * the purchase, and what follows them labels them.
 *
 * <p>A positive carries the purchase's amount, what the value head learns: an order's {@code
 * amount}, or a purchase click's {@code price}; none where they are 0 (data without prices).
 *
 * <p>A purchase may arrive before the prefix it labels (the two inputs are not ordered), so the
 * user's recent purchases (time and amount) are kept until the watermark passes them by the horizon. A
 * purchase older than the watermark is counted as {@code latePurchases}: prefixes it would have
 * made positive may already have gone out as negatives.
 *
 * <p>Per event the cost stays flat however many prefixes wait: they are kept by their deadline,
 * each timer fetches only its own, and a new prefix is one entry written. Only a purchase, which
 * may label any of them, reads them all.
 */
public class LabelJoiner extends KeyedCoProcessFunction<String, SessionSnapshot, Purchase, LabelledExample> {

    private static final long serialVersionUID = 1L;

    /**
     * Prefixes waiting for their label, by deadline (the prefix's end plus the horizon), where an
     * event-time timer takes them out as negatives unless a purchase made them positive first.
     */
    public static final MapStateDescriptor<Long, SessionPrefix[]> PENDING =
            new MapStateDescriptor<>("pending prefixes by deadline", Types.LONG, TypeInformation.of(SessionPrefix[].class));

    /** How many prefixes {@link #PENDING} holds, for its bound; cleared with the last of them. */
    public static final ValueStateDescriptor<Integer> PENDING_COUNT = new ValueStateDescriptor<>("pending prefix count", Types.INT);

    /** The user's recent purchases; pruned by the same timers. */
    public static final ListStateDescriptor<RecentPurchase> PURCHASES =
            new ListStateDescriptor<>("recent purchases with amounts", TypeInformation.of(RecentPurchase.class));

    /**
     * Event times of the user's recent purchases, as kept before amounts were: read once more
     * after a restore from such a savepoint (as purchases of unknown amount), then cleared.
     */
    static final ListStateDescriptor<Long> PURCHASE_TIMES = new ListStateDescriptor<>("recent purchases", Types.LONG);

    private static final int MAX_PURCHASES = 16;

    private final LabelSettings settings;

    private transient MapState<Long, SessionPrefix[]> pending;
    private transient ValueState<Integer> pendingCount;
    private transient ListState<RecentPurchase> purchases;
    private transient ListState<Long> purchaseTimes;
    private transient Counter positives;
    private transient Counter negatives;
    private transient Counter dropped;
    private transient Counter latePurchases;

    public LabelJoiner(LabelSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(PENDING);
        pendingCount = getRuntimeContext().getState(PENDING_COUNT);
        purchases = getRuntimeContext().getListState(PURCHASES);
        purchaseTimes = getRuntimeContext().getListState(PURCHASE_TIMES);
        var metrics = getRuntimeContext().getMetricGroup().addGroup("labels");
        positives = metrics.counter("positive");
        negatives = metrics.counter("negative");
        dropped = metrics.counter("droppedPrefixes");
        latePurchases = metrics.counter("latePurchases");
    }

    @Override
    public void processElement1(SessionSnapshot s, Context ctx, Collector<LabelledExample> out) throws Exception {
        if (s.change() == SessionChange.DUPLICATE) {
            return;
        }
        SessionEvent trigger = trigger(s);
        if (isPurchase(trigger)) {
            purchased(new RecentPurchase(trigger.ts(), trigger.price()), ctx, out);
        } else if (isSampledPrefix(s)) {
            SessionPrefix prefix = new SessionPrefix(s.userId(), s.sessionId(), s.recent(), s.events() - s.recent().length, s.lastTs(), s.user());
            for (RecentPurchase purchase : recentPurchases()) {
                if (labels(prefix, purchase.ts())) {
                    positives.inc();
                    out.collect(LabelledExample.positive(prefix, purchase.ts(), purchase.amount()));
                    return;
                }
            }
            long deadline = deadline(prefix);
            pending.put(deadline, append(pending.get(deadline), prefix));
            int count = pendingCount() + 1;
            if (count > settings.maxPending()) {
                dropOldest();
                dropped.inc();
                count--;
            }
            pendingCount.update(count);
            ctx.timerService().registerEventTimeTimer(deadline);
        }
    }

    @Override
    public void processElement2(Purchase purchase, Context ctx, Collector<LabelledExample> out) throws Exception {
        purchased(new RecentPurchase(purchase.ts(), purchase.amount()), ctx, out);
    }

    /** A deadline: its prefixes, if a purchase left any, are negative. Purchase times older than the horizon go. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LabelledExample> out) throws Exception {
        SessionPrefix[] expired = pending.get(timestamp);
        if (expired != null) {
            for (SessionPrefix prefix : expired) {
                negatives.inc();
                out.collect(LabelledExample.negative(prefix, timestamp));
            }
            pending.remove(timestamp);
            updateCount(-expired.length);
        }
        List<RecentPurchase> recent = recentPurchases();
        recent.removeIf(purchase -> purchase.ts() + settings.horizon().toMillis() <= timestamp);
        purchases.update(recent);
    }

    private void purchased(RecentPurchase purchase, Context ctx, Collector<LabelledExample> out) throws Exception {
        long ts = purchase.ts();
        if (ts <= ctx.timerService().currentWatermark()) {
            latePurchases.inc();
        }
        int labelled = 0;
        Iterator<Map.Entry<Long, SessionPrefix[]>> waiting = pending.iterator();
        while (waiting.hasNext()) {
            // A deadline's prefixes all end at the same time: the purchase labels all or none.
            SessionPrefix[] prefixes = waiting.next().getValue();
            if (labels(prefixes[0], ts)) {
                for (SessionPrefix prefix : prefixes) {
                    positives.inc();
                    out.collect(LabelledExample.positive(prefix, ts, purchase.amount()));
                }
                labelled += prefixes.length;
                waiting.remove();
            }
        }
        updateCount(-labelled);
        List<RecentPurchase> recent = recentPurchases();
        recent.add(purchase);
        if (recent.size() > MAX_PURCHASES) {
            recent.remove(0);
        }
        purchases.update(recent);
        // The purchase times are pruned by a timer: without a pending prefix there may be none.
        ctx.timerService().registerEventTimeTimer(ts + settings.horizon().toMillis());
    }

    /** The user's recent purchases; any kept before amounts were move over to them first. */
    private List<RecentPurchase> recentPurchases() throws Exception {
        List<RecentPurchase> recent = new ArrayList<>();
        purchases.get().forEach(recent::add);
        Iterable<Long> legacy = purchaseTimes.get();
        if (legacy.iterator().hasNext()) {
            legacy.forEach(ts -> recent.add(new RecentPurchase(ts, Double.NaN)));
            purchases.update(recent);
            purchaseTimes.clear();
        }
        return recent;
    }

    /**
     * Whether a session update can matter to the joiner: a purchase click, or a prefix it samples.
     * The job drops the rest before they cross the network to it (most updates of a long session).
     */
    public static boolean matters(SessionSnapshot s) {
        return s.change() != SessionChange.DUPLICATE && (isPurchase(trigger(s)) || isSampledPrefix(s));
    }

    private static boolean isPurchase(SessionEvent trigger) {
        return trigger != null && trigger.type() == EventType.PURCHASE;
    }

    private static boolean isSampledPrefix(SessionSnapshot s) {
        return s.change() == SessionChange.APPENDED && isSampled(s.events());
    }

    /**
     * The event this update is for, found in the session's ring by its id (the newest event when
     * appended, anywhere when inserted or bridging); null when the ring no longer holds it, which
     * happens only to an event older than the session's newest {@code session.ring-size} events.
     */
    private static SessionEvent trigger(SessionSnapshot s) {
        for (int i = s.recent().length - 1; i >= 0; i--) {
            if (s.recent()[i].eventId().equals(s.triggerEventId())) {
                return s.recent()[i];
            }
        }
        return null;
    }

    private long deadline(SessionPrefix prefix) {
        return prefix.prefixTs() + settings.horizon().toMillis();
    }

    private static SessionPrefix[] append(SessionPrefix[] prefixes, SessionPrefix prefix) {
        if (prefixes == null) {
            return new SessionPrefix[] {prefix};
        }
        SessionPrefix[] grown = Arrays.copyOf(prefixes, prefixes.length + 1);
        grown[prefixes.length] = prefix;
        return grown;
    }

    /** Drops one prefix of the earliest deadline, the oldest: its timer finds the rest, or nothing. */
    private void dropOldest() throws Exception {
        long oldest = Long.MAX_VALUE;
        for (Long deadline : pending.keys()) {
            oldest = Math.min(oldest, deadline);
        }
        SessionPrefix[] prefixes = pending.get(oldest);
        if (prefixes.length == 1) {
            pending.remove(oldest);
        } else {
            pending.put(oldest, Arrays.copyOfRange(prefixes, 1, prefixes.length));
        }
    }

    private int pendingCount() throws Exception {
        Integer count = pendingCount.value();
        return count == null ? 0 : count;
    }

    private void updateCount(int delta) throws Exception {
        if (delta == 0) {
            return;
        }
        int count = pendingCount() + delta;
        if (count > 0) {
            pendingCount.update(count);
        } else {
            pendingCount.clear();
            // Emptied through its iterator, a heap map would stay behind as an empty entry.
            pending.clear();
        }
    }

    private boolean labels(SessionPrefix prefix, long purchaseTs) {
        return purchaseTs > prefix.prefixTs() && purchaseTs <= prefix.prefixTs() + settings.horizon().toMillis();
    }

    /** Whether the prefix of a session's first {@code events} events becomes an example: the 1st to 4th, then every power of two. */
    public static boolean isSampled(int events) {
        return events <= 4 || Integer.bitCount(events) == 1;
    }
}
