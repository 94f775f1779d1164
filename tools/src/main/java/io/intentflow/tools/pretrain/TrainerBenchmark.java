package io.intentflow.tools.pretrain;

import io.intentflow.job.config.JobOptions;
import io.intentflow.learn.LabelJoiner;
import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.training.FineTuner;
import io.intentflow.model.training.FineTunerSettings;
import io.intentflow.model.training.LabelledSession;
import io.intentflow.model.training.LabelledSessionCodec;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.SessionPrefix;
import io.intentflow.records.TrainerState;
import io.intentflow.tools.generate.BehaviourModel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * What the online trainer can do per second at the default settings, on examples cut from
 * simulated sessions the way the label joiner cuts them (prefixes after events 1-4, then powers
 * of two): how many examples a round scores (prequential), how many it trains on, hence the
 * arrival rate above which rounds train on a sample; and what a checkpoint of its state costs at
 * full buffers, in the checkpointed form and, side by side, as plain records of nested arrays.
 *
 * <p>{@code bin/intentflow bench-trainer [--max-waiting 2000] [--cpu-share 0.25]}
 */
public final class TrainerBenchmark {

    private static final NetworkConfig NETWORK = NetworkConfig.defaults();
    private static final FineTunerSettings DEFAULTS = FineTunerSettings.defaults();

    /** The trainer's state as it was before the compact form: records of nested arrays, waiting examples featurized. */
    public record AsRecords(LabelledSession[] replay, LabelledSession[] gate, LabelledSession[] waiting) {}

    private TrainerBenchmark() {}

    public static void main(String[] args) throws IOException {
        int maxWaiting = Integer.parseInt(flag(args, "--max-waiting", "2000"));
        double cpuShare = Double.parseDouble(flag(args, "--cpu-share", String.valueOf(JobOptions.TRAIN_CPU_SHARE.defaultValue())));
        List<LabelledExample> examples = examples(60_000);
        List<LabelledSession> featurized = examples.stream().map(TrainerBenchmark::featurize).toList();
        System.out.printf(
                Locale.ROOT, "%d examples, mean prefix %.1f events; network %s; %s threads%n",
                examples.size(), featurized.stream().mapToInt(e -> e.features().length).average().orElse(0), NETWORK,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "default"));

        IntentNetwork live = IntentNetwork.create(NETWORK, 1);
        double scored = scoringRate(live, examples, 7000);
        FineTuner tuner = new FineTuner(DEFAULTS, live, featurized.subList(0, DEFAULTS.replayCapacity()),
                featurized.subList(DEFAULTS.replayCapacity(), DEFAULTS.replayCapacity() + DEFAULTS.gateWindow()), 50_000);
        int from = DEFAULTS.replayCapacity() + DEFAULTS.gateWindow();
        double trained = 0;
        for (int round = 0; round < 3; round++, from += maxWaiting) {
            long started = System.nanoTime();
            tuner.round(featurized.subList(from, from + maxWaiting));
            trained = maxWaiting / seconds(started);
            System.out.printf(Locale.ROOT, "round of %d: %.1f s, %,.0f examples trained per second%n", maxWaiting, maxWaiting / trained, trained);
        }
        System.out.printf(
                Locale.ROOT, "rounds sample above %,.0f examples/s arriving (score %,.0f/s and train %,.0f/s one after the other)%n",
                1 / (1 / scored + 1 / trained), scored, trained);
        // Rounds rest so that they take at most this share of a core (train.cpu-share).
        System.out.printf(
                Locale.ROOT, "at train.cpu-share %.2f: rounds sample above about %,.0f examples/s arriving%n",
                cpuShare, cpuShare / (1 / scored + 1 / trained));

        checkpointCost(tuner, examples.subList(from, from + 2 * maxWaiting));
    }

    /** Featurize and score, as a round does with every example that arrived, in batches of {@code batch}, after one to warm up. */
    private static double scoringRate(IntentNetwork live, List<LabelledExample> examples, int batch) {
        live.recomputeAll(examples.subList(0, batch).stream().map(e -> featurize(e).features()).toList());
        long started = System.nanoTime();
        int done = 0;
        while (done + batch <= examples.size() && seconds(started) < 10) {
            live.recomputeAll(examples.subList(done, done + batch).stream().map(e -> featurize(e).features()).toList());
            done += batch;
        }
        double rate = done / seconds(started);
        System.out.printf(Locale.ROOT, "prequential scoring (featurize + replay through the scoring kernel), batches of %d: %,.0f examples/s%n", batch, rate);
        return rate;
    }

    /** A checkpoint at full buffers, with nothing waiting and with two rounds' samples not yet trained on. */
    private static void checkpointCost(FineTuner tuner, List<LabelledExample> untrained) {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        long started = System.nanoTime();
        TrainerState state = new TrainerState(
                1, NETWORK.hash(), tuner.live().params(), tuner.live().updaterState(), tuner.examplesSeen(),
                LabelledSessionCodec.encode(tuner.replay()), LabelledSessionCodec.encode(tuner.gate()), new LabelledExample[0], new float[0], "",
                tuner.learning().params(), tuner.learning().updaterState());
        System.out.printf(Locale.ROOT, "encoding replay (%d) and gate (%d) after a round: %.1f ms, off the task thread%n",
                tuner.replay().size(), tuner.gate().size(), seconds(started) * 1000);
        TypeSerializer<TrainerState> compact = TypeInformation.of(TrainerState.class).createSerializer(config);
        TypeSerializer<AsRecords> records = TypeInformation.of(AsRecords.class).createSerializer(config);
        LabelledSession[] replay = tuner.replay().toArray(LabelledSession[]::new);
        LabelledSession[] gate = tuner.gate().toArray(LabelledSession[]::new);
        System.out.println("| trainer state | examples waiting | bytes | copy at the barrier (task thread) | write (async) |");
        System.out.println("|---|---:|---:|---:|---:|");
        // The first pass warms the serializers up; the second is printed.
        for (boolean print : new boolean[] {false, true}) {
            for (List<LabelledExample> waiting : List.of(List.<LabelledExample>of(), untrained)) {
                AsRecords before = new AsRecords(replay, gate, waiting.stream().map(TrainerBenchmark::featurize).toArray(LabelledSession[]::new));
                measure("as records", waiting.size(), records, before, print);
                measure("checkpointed form", waiting.size(), compact, state.withUntrained(waiting.toArray(LabelledExample[]::new)), print);
            }
        }
    }

    /** Best of twenty: the state backend copies operator state at the barrier and writes the copy later. */
    private static <T> void measure(String label, int waiting, TypeSerializer<T> serializer, T state, boolean print) {
        double copy = Double.MAX_VALUE;
        double write = Double.MAX_VALUE;
        int bytes = 0;
        for (int i = 0; i < 20; i++) {
            long started = System.nanoTime();
            T copied = serializer.copy(state);
            copy = Math.min(copy, seconds(started) * 1000);
            DataOutputSerializer out = new DataOutputSerializer(1 << 20);
            started = System.nanoTime();
            try {
                serializer.serialize(copied, out);
            } catch (IOException e) {
                throw new IllegalStateException("writing to memory cannot fail", e);
            }
            write = Math.min(write, seconds(started) * 1000);
            bytes = out.length();
        }
        if (print) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f ms | %.1f ms |%n", label, waiting, bytes, copy, write);
        }
    }

    /** Labelled prefixes as the label joiner emits them, labelled by whether their session went on to buy. */
    private static List<LabelledExample> examples(int records) {
        List<LabelledExample> examples = new ArrayList<>();
        for (SimulatedSessions.Session simulated : SimulatedSessions.of(BehaviourModel.standard(), 5, 5000, records, Duration.ofMinutes(30), 64)) {
            List<SessionEvent> session = simulated.events();
            int purchase = session.size();
            for (int i = 0; i < session.size(); i++) {
                if (session.get(i).type() == EventType.PURCHASE) {
                    purchase = i;
                    break;
                }
            }
            for (int events = 1; events <= purchase; events++) {
                if (LabelJoiner.isSampled(events)) {
                    SessionEvent last = session.get(events - 1);
                    String user = String.format(Locale.ROOT, "u%05d", Math.floorMod(session.get(0).eventId().hashCode(), 100_000));
                    SessionPrefix prefix = new SessionPrefix(
                            user, user + "-" + session.get(0).ts(), session.subList(0, events).toArray(SessionEvent[]::new), 0, last.ts());
                    examples.add(purchase < session.size()
                            ? LabelledExample.positive(prefix, last.ts(), session.get(purchase).price())
                            : LabelledExample.negative(prefix, last.ts()));
                }
            }
        }
        return examples;
    }

    private static LabelledSession featurize(LabelledExample example) {
        return new LabelledSession(
                EventFeaturizer.featurize(Arrays.asList(example.prefix().events()), example.prefix().firstPosition()), example.purchased());
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String flag(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
