package io.intentflow.session;

import io.intentflow.OperatorIds;
import io.intentflow.records.Click;
import io.intentflow.records.SessionSnapshot;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.util.OutputTag;

/** Event-time session windows per user that emit a {@link SessionSnapshot} on every event. */
public final class Sessionizer {

    public static final OutputTag<Click> LATE_CLICKS = new OutputTag<Click>("late-clicks") {};

    private Sessionizer() {}

    /** The returned stream's {@link #LATE_CLICKS} side output holds the clicks that came too late. */
    public static SingleOutputStreamOperator<SessionSnapshot> sessionize(
            DataStream<Click> clicks, SessionSettings settings) {
        return clicks
                // Sessions are per user, so all of a user's clicks must meet in one task.
                .keyBy(Click::userId)
                .window(EventTimeSessionWindows.withGap(settings.gap()))
                .trigger(new EveryEventTrigger())
                .allowedLateness(settings.allowedLateness())
                .sideOutputLateData(LATE_CLICKS)
                .aggregate(new SessionAggregate(settings.ringSize()))
                .uid(OperatorIds.SESSIONIZER)
                .name("Sessionize per user (event time)");
    }
}
