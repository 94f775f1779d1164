package io.intentflow.savepoints;

import io.intentflow.OperatorIds;
import io.intentflow.learn.LabelJoiner;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.score.IntentScorer;
import io.intentflow.session.SessionAccumulator;
import io.intentflow.session.SessionAggregate;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.CloseableIterator;

/**
 * The user keys a savepoint holds state for, in the sessionizer, the scorer and the label joiner:
 * the pseudonyms when the job ran with a user-id key (docs/privacy.md). Answers "is anything of
 * this user left in this savepoint?" without running the job.
 */
public final class SavepointUsers {

    private SavepointUsers() {}

    public static SortedSet<String> of(String path) throws Exception {
        SavepointReader savepoint = SavepointReader.read(LocalFlink.environment(), path, new HashMapStateBackend());
        DataStream<String> sessionizer =
                savepoint.window(new TimeWindow.Serializer())
                        .aggregate(OperatorIds.SESSIONIZER, new SessionAggregate(1), Types.STRING,
                                TypeInformation.of(SessionAccumulator.class), TypeInformation.of(SessionSnapshot.class))
                        .map(SessionSnapshot::userId)
                        .returns(Types.STRING);
        DataStream<String> scorer =
                savepoint.readKeyedState(OperatorIdentifier.forUid(OperatorIds.SCORER), new KeyReader(IntentScorer.SESSIONS), Types.STRING, Types.STRING);
        DataStream<String> labelJoiner =
                savepoint.readKeyedState(OperatorIdentifier.forUid(OperatorIds.LABEL_JOINER), new KeyReader(LabelJoiner.PENDING), Types.STRING, Types.STRING);
        SortedSet<String> users = new TreeSet<>();
        try (CloseableIterator<String> it = sessionizer.union(scorer, labelJoiner).executeAndCollect("Users in savepoint " + path)) {
            it.forEachRemaining(users::add);
        }
        return users;
    }
}
