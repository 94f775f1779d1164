package io.intentflow.session;

import io.intentflow.ingest.DeadLetters;
import io.intentflow.records.Click;
import io.intentflow.records.DeadLetter;
import io.intentflow.records.DeadLetterReason;
import io.intentflow.records.RecordJson;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.OutputTag;

/**
 * Turns clicks that came too late for their session into dead letters with reason {@code late},
 * counted by {@code deadLetters.late}. The payload is the click as the job saw it, re-encoded as
 * JSON, and the key is its user id: both carry the pseudonym when a user-id key is set, never the
 * raw id. The origin points at the original record.
 */
public class LateClicks extends RichMapFunction<Click, DeadLetter> {

    private static final long serialVersionUID = 1L;

    /** The session window's side output of clicks whose session had already been purged. */
    public static final OutputTag<Click> LATE = new OutputTag<Click>("late-clicks") {};

    private final int maxPayloadBytes;

    private transient Counter late;

    public LateClicks(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().addGroup("deadLetters").counter("late");
    }

    @Override
    public DeadLetter map(Click click) {
        late.inc();
        return DeadLetters.of(
                DeadLetterReason.LATE,
                "event time " + click.ts() + " is behind its session's end plus the allowed lateness",
                RecordJson.utf8(click.userId()),
                RecordJson.click(click),
                maxPayloadBytes,
                click.origin(),
                System.currentTimeMillis(),
                click.userId());
    }
}
