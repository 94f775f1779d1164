package io.intentflow.model.bench;

import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.network.RecurrentState;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Scoring cost per event, measured side by side in one run, at several batch sizes: advancing
 * carried state one step (what the scorer does for most events); replaying a session's events
 * from its ring with {@link IntentNetwork#recomputeAll} (what it does after a model change, an
 * out-of-order event or a merge), one replayed session per event; and the full DL4J pass over the
 * whole sequence for every event (what carrying state avoids). Prints events/s and step / full,
 * and the one step with each score's order value from the value head, as the scorer computes it.
 *
 * <p>{@code bin/intentflow bench-model [--sequence 32] [--seconds 3]}
 */
public final class StepVsFullBenchmark {

    private static final int[] BATCHES = {1, 8, 32, 64, 256, 1024};

    private StepVsFullBenchmark() {}

    public static void main(String[] args) {
        int sequenceLength = intFlag(args, "--sequence", 32);
        double seconds = intFlag(args, "--seconds", 3);
        NetworkConfig config = NetworkConfig.defaults();
        IntentNetwork network = IntentNetwork.create(config, 1);
        // A value head that has learned something, so that each score's value is computed.
        network.startValueHead(Math.log1p(50));
        Random random = new Random(7);
        System.out.printf(
                "network %s (%d parameters), sessions of %d events, %s threads%n",
                config, network.numParams(), sequenceLength, System.getenv().getOrDefault("OMP_NUM_THREADS", "default"));
        System.out.println("| batch | one step (events/s) | one step + value (events/s) | replay (events/s) | full sequence (events/s) | step / full |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int batch : BATCHES) {
            float[][] inputs = randomRows(random, batch, config.features());
            RecurrentState[] states = new RecurrentState[batch];
            for (int i = 0; i < batch; i++) {
                states[i] = network.recompute(randomRows(random, sequenceLength - 1, config.features())).states()[0];
            }
            float[][][] sequences = new float[batch][][];
            for (int i = 0; i < batch; i++) {
                sequences[i] = randomRows(random, sequenceLength, config.features());
            }
            List<float[][]> rings = Arrays.asList(sequences);
            double step = eventsPerSecond(seconds, batch, () -> network.step(inputs, states));
            // Summed, so that the JIT cannot drop the values no one reads.
            double[] sum = {0};
            double valued = eventsPerSecond(seconds, batch, () -> {
                for (RecurrentState state : network.step(inputs, states).states()) {
                    sum[0] += network.orderValue(state);
                }
            });
            double replay = eventsPerSecond(seconds, batch, () -> network.recomputeAll(rings));
            double full = eventsPerSecond(seconds, batch, () -> network.scoreSequences(sequences));
            System.out.printf("| %d | %,.0f | %,.0f | %,.0f | %,.0f | %.1fx |%n", batch, step, valued, replay, full, step / full);
            if (!Double.isFinite(sum[0])) {
                System.out.println("(an order value was not finite)");
            }
        }
    }

    /** Events per second of the one-step pass at {@code batch} sessions per call. */
    public static double stepEventsPerSecond(IntentNetwork network, int batch, double seconds) {
        Random random = new Random(7);
        NetworkConfig config = network.config();
        float[][] inputs = randomRows(random, batch, config.features());
        RecurrentState[] states = new RecurrentState[batch];
        Arrays.fill(states, RecurrentState.initial(config));
        return eventsPerSecond(seconds, batch, () -> network.step(inputs, states));
    }

    /** Warms up, then runs {@code call} for about {@code seconds} and returns events per second. */
    private static double eventsPerSecond(double seconds, int batch, Runnable call) {
        long warmup = System.nanoTime() + (long) (seconds * 0.3e9);
        while (System.nanoTime() < warmup) {
            call.run();
        }
        long calls = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            call.run();
            calls++;
        }
        return calls * batch / ((System.nanoTime() - start) / 1e9);
    }

    private static float[][] randomRows(Random random, int rows, int columns) {
        float[][] x = new float[rows][columns];
        for (float[] row : x) {
            for (int c = 0; c < columns; c++) {
                row[c] = (float) random.nextGaussian();
            }
        }
        return x;
    }

    private static int intFlag(String[] args, String flag, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(flag)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
