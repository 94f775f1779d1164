package io.intentflow.session;

import io.intentflow.model.features.FeatureSet;
import io.intentflow.records.Click;
import io.intentflow.records.SessionSnapshot;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The job's session window, in one place for the job and for whatever drives its operators
 * offline (evaluation, tests): event-time sessions per user, one update per event while a session
 * is open, late clicks to {@link LateClicks#LATE}. Under {@link FeatureSet#USER} each update
 * carries the user's history ({@link UserHistoryFunction}); under {@link FeatureSet#SESSION} the
 * window is exactly what it was before the choice existed, with no state beyond its sessions.
 * The caller sets uid and name.
 */
public final class Sessionizer {

    private Sessionizer() {}

    public static SingleOutputStreamOperator<SessionSnapshot> sessionize(
            DataStream<Click> clicks, SessionSettings settings, FeatureSet features) {
        // A user's clicks all meet in one task.
        WindowedStream<Click, String, TimeWindow> windows =
                clicks.keyBy(Click::userId)
                        .window(EventTimeSessionWindows.withGap(settings.gap()))
                        .trigger(new EveryEventTrigger())
                        .allowedLateness(settings.allowedLateness())
                        .sideOutputLateData(LateClicks.LATE);
        SessionAggregate aggregate = new SessionAggregate(settings.ringSize());
        return features == FeatureSet.USER
                ? windows.aggregate(aggregate, new UserHistoryFunction(settings.userHistoryTtl()))
                : windows.aggregate(aggregate);
    }
}
