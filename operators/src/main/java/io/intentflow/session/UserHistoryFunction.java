package io.intentflow.session;

import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.UserContext;
import io.intentflow.model.features.UserHistory;
import io.intentflow.records.SessionChange;
import io.intentflow.records.SessionSnapshot;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Gives every session update the user's history before the session ({@code model.features:
 * user}). The session window already runs per user, so the history is the window operator's
 * own keyed state, beside the windows: one read per update and one write per new event, O(1),
 * no extra operator or shuffle. Purchases are counted from {@code purchase} clicks, the ones
 * the sessionizer sees (and the only ones a dataset without an order stream has).
 */
public class UserHistoryFunction extends ProcessWindowFunction<SessionSnapshot, SessionSnapshot, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    /** The state's name in savepoints. */
    public static final String STATE_NAME = "user history";

    private final Duration ttl;

    /** Built once: a descriptor per event would build its serializer per event. */
    private transient ValueStateDescriptor<UserHistory> historyState;

    /** @param ttl how long a user's history outlives their last event (processing time) */
    public UserHistoryFunction(Duration ttl) {
        this.ttl = ttl;
    }

    /**
     * Per user: the history so far; written on each new event, so it expires {@code ttl} after
     * the user's last one (Flink's state TTL, processing time): the user then comes back as new.
     */
    public static ValueStateDescriptor<UserHistory> descriptor(Duration ttl) {
        ValueStateDescriptor<UserHistory> descriptor = new ValueStateDescriptor<>(STATE_NAME, TypeInformation.of(UserHistory.class));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
        return descriptor;
    }

    @Override
    public void open(OpenContext openContext) {
        historyState = descriptor(ttl);
    }

    @Override
    public void process(String user, Context context, Iterable<SessionSnapshot> updates, Collector<SessionSnapshot> out)
            throws Exception {
        ValueState<UserHistory> state = context.globalState().getState(historyState);
        UserHistory history = state.value();
        for (SessionSnapshot s : updates) {
            SessionEvent trigger = s.trigger();
            // A duplicate is no new event; an event older than the ring is too old to tell what it was.
            if (s.change() != SessionChange.DUPLICATE && trigger.eventId().equals(s.triggerEventId())) {
                history = (history == null ? UserHistory.NONE : history).observe(s.startTs(), trigger);
                state.update(history);
            }
            out.collect(s.withUser(history == null ? UserContext.NEW : history.newest()));
        }
    }
}
