package io.intentflow.savepoints;

import io.intentflow.OperatorIds;
import io.intentflow.learn.Trainer;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.training.LabelledSessionCodec;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.records.TrainerState;
import io.intentflow.savepoints.StateReading.Part;
import io.intentflow.score.IntentScorer;
import io.intentflow.session.SessionAccumulator;
import io.intentflow.session.SessionAggregate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.CloseableIterator;

/**
 * Reads a savepoint of the job offline with the State Processor API, by the operators' uids and
 * the operators' own state descriptors, in one local Flink job. A savepoint in canonical format
 * (the default) reads the same whichever backend wrote it: the job's RocksDB state is read here
 * into heap state.
 */
public final class SavepointInspector {

    private static final TypeInformation<StateReading> READING = TypeInformation.of(StateReading.class);
    private static final List<String> STATEFUL =
            List.of(OperatorIds.SESSIONIZER, OperatorIds.SCORER, OperatorIds.LABEL_JOINER, OperatorIds.TRAINER);

    private SavepointInspector() {}

    public static SavepointSummary inspect(String path) throws Exception {
        Map<OperatorID, OperatorState> states =
                SavepointLoader.loadSavepointMetadata(path).getOperatorStates().stream()
                        .collect(Collectors.toMap(OperatorState::getOperatorID, Function.identity()));
        List<SavepointSummary.Operator> operators = new ArrayList<>();
        for (String uid : STATEFUL) {
            OperatorState state = states.get(OperatorIdentifier.forUid(uid).getOperatorId());
            if (state != null) {
                operators.add(new SavepointSummary.Operator(uid, state.getParallelism(), state.getMaxParallelism()));
            }
        }
        SavepointReader savepoint = SavepointReader.read(LocalFlink.environment(), path, new HashMapStateBackend());
        List<DataStream<StateReading>> readings = new ArrayList<>();
        for (SavepointSummary.Operator operator : operators) {
            readings.addAll(read(savepoint, operator.uid()));
        }
        if (readings.isEmpty()) {
            return summarize(path, List.of(), operators);
        }
        DataStream<StateReading> all = readings.get(0);
        for (DataStream<StateReading> more : readings.subList(1, readings.size())) {
            all = all.union(more);
        }
        List<StateReading> collected = new ArrayList<>();
        try (CloseableIterator<StateReading> it = all.executeAndCollect("Inspect savepoint " + path)) {
            it.forEachRemaining(collected::add);
        }
        return summarize(path, collected, operators);
    }

    /** The readings of one stateful operator's state. */
    private static List<DataStream<StateReading>> read(SavepointReader savepoint, String uid) throws Exception {
        OperatorIdentifier id = OperatorIdentifier.forUid(uid);
        return switch (uid) {
            case OperatorIds.SCORER -> List.of(
                    savepoint.readBroadcastState(id, IntentScorer.LIVE_MODEL.getName(), Types.STRING, TypeInformation.of(ModelUpdate.class))
                            .map(entry -> StateReading.of(new SavepointSummary.Model(
                                    entry.f1.version(), entry.f1.parentVersion(), entry.f1.configHash(), entry.f1.createdAt(), entry.f1.params().length)))
                            .returns(READING),
                    savepoint.readKeyedState(id, new OpenSessionCounter(), Types.STRING, Types.LONG)
                            .map(count -> StateReading.counted(Part.OPEN_SESSIONS, count))
                            .returns(READING));
            case OperatorIds.TRAINER -> List.of(
                    savepoint.readListState(id, Trainer.STATE.getName(), TypeInformation.of(TrainerState.class))
                            .map(SavepointInspector::trainer)
                            .returns(READING));
            // Reading runs only the aggregate's getResult: the ring size plays no part.
            case OperatorIds.SESSIONIZER -> List.of(
                    savepoint.window(new TimeWindow.Serializer())
                            .aggregate(uid, new SessionAggregate(1), Types.STRING,
                                    TypeInformation.of(SessionAccumulator.class), TypeInformation.of(SessionSnapshot.class))
                            .map(session -> StateReading.counted(Part.SESSION_WINDOWS, 1))
                            .returns(READING));
            case OperatorIds.LABEL_JOINER -> List.of(
                    savepoint.readKeyedState(id, new PendingLabelCounter(), Types.STRING, Types.LONG)
                            .map(count -> StateReading.counted(Part.PENDING_LABELS, count))
                            .returns(READING));
            default -> List.of();
        };
    }

    private static StateReading trainer(TrainerState stored) throws IOException {
        TrainerState t = stored.withAbsentAsEmpty();
        return StateReading.of(new SavepointSummary.Trainer(
                t.version(), t.configHash(), t.examplesSeen(),
                LabelledSessionCodec.count(t.compactReplay()), LabelledSessionCodec.count(t.compactGate()), t.untrained().length,
                t.hasShadow(), t.learningAhead()));
    }

    private static SavepointSummary summarize(String path, List<StateReading> readings, List<SavepointSummary.Operator> operators) {
        SavepointSummary.Model model = null;
        SavepointSummary.Trainer trainer = null;
        Map<Part, long[]> counts = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            counts.put(part, new long[2]);
        }
        for (StateReading reading : readings) {
            if (reading.model() != null) {
                model = reading.model();
            }
            if (reading.trainer() != null) {
                trainer = reading.trainer();
            }
            long[] keysAndTotal = counts.get(reading.part());
            keysAndTotal[0]++;
            keysAndTotal[1] += reading.count();
        }
        return new SavepointSummary(
                path, model, trainer,
                counts.get(Part.OPEN_SESSIONS)[1], counts.get(Part.OPEN_SESSIONS)[0],
                counts.get(Part.SESSION_WINDOWS)[1],
                counts.get(Part.PENDING_LABELS)[1], counts.get(Part.PENDING_LABELS)[0],
                operators);
    }
}
