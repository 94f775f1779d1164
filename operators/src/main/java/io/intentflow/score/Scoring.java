package io.intentflow.score;

import io.intentflow.OperatorIds;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.records.IntentScore;
import io.intentflow.records.SessionSnapshot;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Wires the scorer: session updates keyed by user, model updates broadcast to every task. */
public final class Scoring {

    private Scoring() {}

    /** @param initialModel the model to start from when none was restored; may be null */
    public static SingleOutputStreamOperator<IntentScore> score(
            DataStream<SessionSnapshot> sessions,
            DataStream<ModelUpdate> modelUpdates,
            ScorerSettings settings,
            ModelUpdate initialModel) {
        return sessions
                // A session's carried state lives with its user's key.
                .keyBy(SessionSnapshot::userId)
                .connect(modelUpdates.broadcast())
                .transform("Score intent (DL4J)", TypeInformation.of(IntentScore.class), new IntentScorer(settings, initialModel))
                .uid(OperatorIds.SCORER);
    }
}
