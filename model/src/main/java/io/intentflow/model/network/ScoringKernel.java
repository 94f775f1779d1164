package io.intentflow.model.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.Convolution1DUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The scoring passes of an {@link IntentNetwork} (one step from carried state, and replaying whole
 * sessions) as a short fixed chain of ND4J ops on arrays allocated once per batch shape: the causal
 * convolution as one matrix product over windows the caller lays out, relu, libnd4j's fused
 * {@code lstmLayerCell} op once per event, and the sigmoid intent head on the LSTM's last output.
 * The value head, one dot product over the LSTM's output, is asked for per score
 * ({@link #orderValue}), in plain Java.
 *
 * <p>Why not {@code MultiLayerNetwork.rnnTimeStep}: one call of it built about 90 INDArrays (views,
 * dups, the state map), and every INDArray costs a native shape buffer, a JavaCPP deallocator and
 * a registration with ND4J's DeallocatorService (which, with commons-lang3 3.17 or newer on the
 * classpath, constructs a SecureRandom each time). That bookkeeping, not arithmetic, was the cost
 * of scoring small batches; replaying 64 events built over 2,000 INDArrays. Here a call creates
 * none: inputs are copied into a plan's arrays, its ops run with contexts built once, and the
 * outputs are read back. (Not the {@code lstmLayer} op: in 1.0.0-M2.1 it keeps about 80 bytes of
 * native memory per call, and several KB per call with per-session lengths.)
 *
 * <p>The parameters are the DL4J layers', rearranged by {@link #load}; IntentNetworkTest holds the
 * results equal to DL4J's own forward pass. Only standard ops, so the CUDA backend runs it as is.
 * Not thread-safe, like the network that owns it.
 */
final class ScoringKernel {

    /** Sessions per op call; larger batches run in chunks. */
    private static final int MAX_SESSIONS = 256;
    /** Events per session per op call, and sessions x events per op call: bounds on a plan's arrays. */
    private static final int MAX_STEPS = 64;
    private static final int MAX_ROWS = 1024;

    /** lstmLayerCell's gate blocks are (input, forget, cell candidate, output); DL4J's LSTM keeps
     *  (cell candidate, forget, output, input). DL4J's block for each lstmLayerCell block: */
    private static final int[] DL4J_GATE_BLOCK = {3, 1, 0, 2};
    /** lstmLayerCell integer arguments: sigmoid gates, tanh cell and output activations. */
    private static final long[] CELL_ARGS = {
        LSTMActivations.SIGMOID.ordinal(), LSTMActivations.TANH.ordinal(), LSTMActivations.TANH.ordinal()
    };

    private final int features;
    private final int kernel;
    private final int channels;
    private final int hidden;
    private final INDArray convWeights;
    private final INDArray convBias;
    private final INDArray inputWeights;
    private final INDArray recurrentWeights;
    private final INDArray lstmBias;
    private final INDArray headWeights;
    private final INDArray headBias;
    private final float[] valueWeights;
    private float valueBias;
    /** Whether the value head has left its start at exactly zero; set at {@link #load}, not per score. */
    private boolean valueTrained;
    private final Map<Shape, Plan> plans = new HashMap<>();

    ScoringKernel(NetworkConfig config) {
        features = config.features();
        kernel = config.kernel();
        channels = config.convChannels();
        hidden = config.lstmSize();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            convWeights = Nd4j.create(DataType.FLOAT, features * kernel, channels);
            convBias = Nd4j.create(DataType.FLOAT, channels);
            inputWeights = Nd4j.create(DataType.FLOAT, channels, 4 * hidden);
            recurrentWeights = Nd4j.create(DataType.FLOAT, hidden, 4 * hidden);
            lstmBias = Nd4j.create(DataType.FLOAT, 4 * hidden);
            headWeights = Nd4j.create(DataType.FLOAT, hidden, 1);
            headBias = Nd4j.create(DataType.FLOAT, 1);
        }
        valueWeights = new float[hidden];
    }

    /**
     * Copies the parameters of {@code network} (conv, LSTM, head, as IntentNetwork builds it) in
     * place, so the plans' op contexts keep pointing at the right arrays.
     */
    void load(MultiLayerNetwork network) {
        // DL4J's Conv1D reads its [out, in, k, 1] parameter as [k, in, out] (this helper), not by
        // permuting it; a window row is laid out feature-major, oldest event first.
        INDArray conv = Convolution1DUtils.reshapeWeightArrayOrGradientForFormat(network.getLayer(0).getParam("W"), RNNFormat.NCW);
        convWeights.assign(conv.permute(1, 0, 2).dup('c').reshape(features * kernel, channels));
        convBias.assign(network.getLayer(0).getParam("b").reshape(channels));
        INDArray lstmW = network.getLayer(1).getParam("W");
        INDArray lstmRW = network.getLayer(1).getParam("RW");
        INDArray lstmB = network.getLayer(1).getParam("b").reshape(1, 4 * hidden);
        for (int gate = 0; gate < 4; gate++) {
            int from = DL4J_GATE_BLOCK[gate] * hidden;
            int to = gate * hidden;
            columns(inputWeights, to).assign(columns(lstmW, from));
            columns(recurrentWeights, to).assign(columns(lstmRW, from));
            lstmBias.get(NDArrayIndex.interval(to, to + hidden)).assign(columns(lstmB, from).reshape(hidden));
        }
        INDArray heads = network.getLayer(IntentNetwork.HEAD_LAYER).getParam("W");
        INDArray headBiases = network.getLayer(IntentNetwork.HEAD_LAYER).getParam("b");
        headWeights.assign(heads.getColumn(IntentNetwork.INTENT).reshape(hidden, 1));
        headBias.assign(headBiases.getFloat(IntentNetwork.INTENT));
        System.arraycopy(heads.getColumn(IntentNetwork.VALUE).toFloatVector(), 0, valueWeights, 0, hidden);
        valueBias = headBiases.getFloat(IntentNetwork.VALUE);
        valueTrained = valueBias != 0;
        for (float w : valueWeights) {
            valueTrained |= w != 0;
        }
    }

    /** See {@link IntentNetwork#orderValue}. */
    double orderValue(float[] lstmOutput) {
        if (!valueTrained()) {
            return Double.NaN;
        }
        double logValue = valueBias;
        for (int i = 0; i < hidden; i++) {
            logValue += valueWeights[i] * lstmOutput[i];
        }
        return Math.expm1(Math.max(0, logValue));
    }

    /** See {@link IntentNetwork#valueTrained}: the head starts at exactly zero. */
    boolean valueTrained() {
        return valueTrained;
    }

    private INDArray columns(INDArray matrix, int first) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(first, first + hidden));
    }

    /** One event for each session from its carried state; see {@link IntentNetwork#step}. */
    IntentNetwork.Stepped step(float[][] inputs, RecurrentState[] states) {
        int batch = inputs.length;
        float[] scores = new float[batch];
        RecurrentState[] next = new RecurrentState[batch];
        int window = features * kernel;
        for (int first = 0; first < batch; first += MAX_SESSIONS) {
            int count = Math.min(MAX_SESSIONS, batch - first);
            Plan plan = plan(bucket(count), 1);
            float[] windows = new float[plan.sessions * window];
            float[] h = new float[plan.sessions * hidden];
            float[] c = new float[plan.sessions * hidden];
            for (int i = 0; i < count; i++) {
                RecurrentState s = states[first + i];
                float[] event = inputs[first + i];
                for (int f = 0; f < features; f++) {
                    int base = i * window + f * kernel;
                    for (int t = 0; t < kernel - 1; t++) {
                        windows[base + t] = s.window()[t * features + f];
                    }
                    windows[base + kernel - 1] = event[f];
                }
                System.arraycopy(s.hidden(), 0, h, i * hidden, hidden);
                System.arraycopy(s.cell(), 0, c, i * hidden, hidden);
            }
            Outputs out = plan.run(windows, h, c);
            for (int i = 0; i < count; i++) {
                float[] old = states[first + i].window();
                float[] shifted = new float[old.length];
                if (kernel > 1) {
                    System.arraycopy(old, features, shifted, 0, (kernel - 2) * features);
                    System.arraycopy(inputs[first + i], 0, shifted, (kernel - 2) * features, features);
                }
                scores[first + i] = out.scores[i];
                next[first + i] = new RecurrentState(out.hidden(i), out.cell(i), shifted);
            }
        }
        return new IntentNetwork.Stepped(scores, next);
    }

    /**
     * Each of {@code sequences} run from zero state; see {@link IntentNetwork#recomputeAll}.
     *
     * <p>Sessions advance together, shortest first: all that are still going run the events up to
     * the next session's end in one call per power-of-two stretch (so few plan shapes serve all
     * lengths), carrying (h, c) between calls, and each session's state and score are taken when
     * its events run out.
     */
    IntentNetwork.Stepped replay(List<float[][]> sequences) {
        int total = sequences.size();
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            if (sequences.get(i).length < 1) {
                throw new IllegalArgumentException("cannot replay an empty session");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> sequences.get(i).length));
        float[][] h = new float[total][hidden];
        float[][] c = new float[total][hidden];
        float[] scores = new float[total];
        RecurrentState[] states = new RecurrentState[total];
        int done = 0;
        int time = 0;
        while (done < total) {
            int end = sequences.get(order[done]).length;
            while (time < end) {
                int active = total - done;
                int limit = Math.min(Math.min(end - time, MAX_STEPS), MAX_ROWS / bucket(Math.min(active, MAX_SESSIONS)));
                int steps = Integer.highestOneBit(limit);
                for (int first = done; first < total; first += MAX_SESSIONS) {
                    int count = Math.min(MAX_SESSIONS, total - first);
                    advance(sequences, Arrays.copyOfRange(order, first, first + count), time, steps, h, c, scores);
                }
                time += steps;
            }
            for (; done < total && sequences.get(order[done]).length == end; done++) {
                int i = order[done];
                states[i] = new RecurrentState(h[i], c[i], lastWindow(sequences.get(i)));
            }
        }
        return new IntentNetwork.Stepped(scores, states);
    }

    /** Runs events [time, time + steps) of the given sessions from their (h, c), which it updates with their scores. */
    private void advance(List<float[][]> sequences, Integer[] sessions, int time, int steps, float[][] h, float[][] c, float[] scores) {
        Plan plan = plan(bucket(sessions.length), steps);
        int window = features * kernel;
        float[] windows = new float[plan.sessions * steps * window];
        float[] h0 = new float[plan.sessions * hidden];
        float[] c0 = new float[plan.sessions * hidden];
        for (int i = 0; i < sessions.length; i++) {
            float[][] sequence = sequences.get(sessions[i]);
            for (int step = 0; step < steps; step++) {
                int row = (step * plan.sessions + i) * window;
                for (int k = 0; k < kernel; k++) {
                    int source = time + step - (kernel - 1) + k;
                    if (source >= 0) {
                        for (int f = 0; f < features; f++) {
                            windows[row + f * kernel + k] = sequence[source][f];
                        }
                    }
                }
            }
            System.arraycopy(h[sessions[i]], 0, h0, i * hidden, hidden);
            System.arraycopy(c[sessions[i]], 0, c0, i * hidden, hidden);
        }
        Outputs out = plan.run(windows, h0, c0);
        for (int i = 0; i < sessions.length; i++) {
            h[sessions[i]] = out.hidden(i);
            c[sessions[i]] = out.cell(i);
            scores[sessions[i]] = out.scores[i];
        }
    }

    /** The last {@code kernel - 1} events, oldest first, zeros where the session is shorter. */
    private float[] lastWindow(float[][] sequence) {
        float[] window = new float[(kernel - 1) * features];
        for (int t = 0; t < kernel - 1; t++) {
            int source = sequence.length - (kernel - 1) + t;
            if (source >= 0) {
                System.arraycopy(sequence[source], 0, window, t * features, features);
            }
        }
        return window;
    }

    /** The next power of two: a handful of plans serve every batch size, padded rows are zeros. */
    private static int bucket(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    private Plan plan(int sessions, int steps) {
        return plans.computeIfAbsent(new Shape(sessions, steps), Plan::new);
    }

    /** sessions x steps events per call, from given (h, c). */
    private record Shape(int sessions, int steps) {}

    private record Outputs(float[] scores, float[] lastHidden, float[] lastCell, int size) {
        float[] hidden(int i) {
            return Arrays.copyOfRange(lastHidden, i * size, (i + 1) * size);
        }

        float[] cell(int i) {
            return Arrays.copyOfRange(lastCell, i * size, (i + 1) * size);
        }
    }

    /** The arrays and the ops of one shape, built once. */
    private final class Plan {
        final int sessions;
        final INDArray windows;
        final INDArray initialHidden;
        final INDArray initialCell;
        final INDArray lastHidden;
        final INDArray lastCell;
        final INDArray scores;
        final List<CustomOp> ops = new ArrayList<>();
        final List<OpContext> contexts = new ArrayList<>();

        Plan(Shape shape) {
            sessions = shape.sessions();
            int steps = shape.steps();
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                windows = Nd4j.create(DataType.FLOAT, (long) steps * sessions, features * kernel);
                INDArray convolved = Nd4j.create(DataType.FLOAT, (long) steps * sessions, channels);
                initialHidden = state();
                initialCell = state();
                lastHidden = state();
                lastCell = state();
                scores = Nd4j.create(DataType.FLOAT, sessions, 1);
                add("xw_plus_b", new INDArray[] {windows, convWeights, convBias}, convolved);
                add("relu", new INDArray[] {convolved}, convolved).setTArguments(0.0); // threshold
                // One cell per event, (h, c) passed through two alternating pairs of arrays.
                INDArray[][] between = steps == 1 ? null : new INDArray[][] {{state(), state()}, {state(), state()}};
                INDArray h = initialHidden;
                INDArray c = initialCell;
                for (int t = 0; t < steps; t++) {
                    INDArray events = convolved.get(NDArrayIndex.interval((long) t * sessions, (long) (t + 1) * sessions), NDArrayIndex.all());
                    INDArray nextH = t == steps - 1 ? lastHidden : between[t % 2][0];
                    INDArray nextC = t == steps - 1 ? lastCell : between[t % 2][1];
                    OpContext cell = add("lstmLayerCell", new INDArray[] {events, inputWeights, recurrentWeights, lstmBias, h, c}, nextH, nextC);
                    cell.setIArguments(CELL_ARGS);
                    cell.setTArguments(0.0); // no cell clipping
                    cell.setBArguments(true, false); // biases, no peepholes
                    h = nextH;
                    c = nextC;
                }
                add("xw_plus_b", new INDArray[] {lastHidden, headWeights, headBias}, scores);
                add("sigmoid", new INDArray[] {scores}, scores);
            }
        }

        private INDArray state() {
            return Nd4j.create(DataType.FLOAT, sessions, hidden);
        }

        /** The op carries its arrays too: a backend may sync or mark them from the op rather than the context. */
        private OpContext add(String name, INDArray[] inputs, INDArray... outputs) {
            CustomOp op = DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(outputs).build();
            OpContext context = Nd4j.getExecutioner().buildContext();
            context.setInputArrays(inputs);
            context.setOutputArrays(outputs);
            ops.add(op);
            contexts.add(context);
            return context;
        }

        /** Runs the ops on windows ([steps x sessions][features x kernel], time-major) from (h, c). */
        Outputs run(float[] windowRows, float[] h, float[] c) {
            windows.data().setData(windowRows);
            initialHidden.data().setData(h);
            initialCell.data().setData(c);
            for (int i = 0; i < ops.size(); i++) {
                Nd4j.getExecutioner().exec(ops.get(i), contexts.get(i));
            }
            return new Outputs(scores.data().asFloat(), lastHidden.data().asFloat(), lastCell.data().asFloat(), hidden);
        }
    }
}
