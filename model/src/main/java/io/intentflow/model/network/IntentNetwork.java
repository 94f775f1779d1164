package io.intentflow.model.network;

import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.network.NetworkConfig.EarlierLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.Convolution1DUtils;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The intent network: a causal 1-D convolution over the event sequence, an LSTM, and two heads
 * on the LSTM's output after every event: P(purchase in this session) (a sigmoid), and the
 * session's order value given a purchase (log(1 + amount), {@link #orderValue}). Both are trained
 * together ({@link IntentValueLoss}). The value head starts at exactly zero and stays there until
 * an example with a known order value trains it: {@link #valueTrained} tells the two apart.
 *
 * <p>One parameter vector, two ways to run it. The full-sequence pass ({@link #scoreSequence},
 * and training) runs the DL4J network over a whole session. The scoring passes advance many
 * sessions by one event each from their carried {@link RecurrentState} ({@link #step}), or rebuild
 * sessions' states from their events ({@link #recompute}, {@link #recomputeAll}); they run as a
 * few fused ND4J ops on the same parameters ({@link ScoringKernel}), because DL4J's per-call array
 * bookkeeping dominated their cost.
 *
 * <p>Not thread-safe: the scoring passes reuse their arrays. One instance per scoring task.
 */
public final class IntentNetwork {

    /** The index of the output layer, and of its two outputs. */
    static final int HEAD_LAYER = 2;
    static final int INTENT = 0;
    static final int VALUE = 1;

    private final NetworkConfig config;
    private final MultiLayerNetwork full;
    private final ScoringKernel kernel;

    private IntentNetwork(NetworkConfig config, MultiLayerNetwork full) {
        this.config = config;
        this.full = full;
        this.kernel = new ScoringKernel(config);
        kernel.load(full);
    }

    /** A new network with freshly initialised weights (deterministic for a seed) and an untrained value head. */
    public static IntentNetwork create(NetworkConfig config, long seed) {
        MultiLayerNetwork full =
                network(seed, config.features(), convolutionLayer(config), lstmLayer(config), outputLayer());
        full.getLayer(HEAD_LAYER).getParam("W").getColumn(VALUE).assign(0);
        full.getLayer(HEAD_LAYER).getParam("b").putScalar(VALUE, 0);
        return new IntentNetwork(config, full);
    }

    /**
     * Parameters saved in an earlier layout of {@code config}'s network, in its current one: the
     * input that layout lacked (the purchases earlier in the session) gets weights of 0, so every
     * score stays what it was, and a network from before the value head gets an untrained one.
     */
    public static float[] inCurrentLayout(NetworkConfig config, EarlierLayout layout, float[] params) {
        MultiLayerNetwork old = earlier(config, layout);
        if (params.length != old.numParams()) {
            throw new IllegalArgumentException(
                    "expected " + old.numParams() + " parameters of " + config + " in its layout " + layout + ", got " + params.length);
        }
        old.setParams(Nd4j.createFromArray(params).reshape(old.params().shape()));
        return fromEarlier(config, old).params();
    }

    /** An untrained network of {@code config}'s sizes in an earlier layout, to read parameters into. */
    private static MultiLayerNetwork earlier(NetworkConfig config, EarlierLayout layout) {
        Layer head = layout == EarlierLayout.FEATURES_V1_INTENT_ONLY ? intentOnlyOutputLayer() : outputLayer();
        return network(0, config.features() - 1, convolutionLayer(config), lstmLayer(config), head);
    }

    /** A network of {@code config} with the weights of {@code old}, a network of one of its earlier layouts. */
    private static IntentNetwork fromEarlier(NetworkConfig config, MultiLayerNetwork old) {
        IntentNetwork network = create(config, 0);
        for (int layer = 0; layer < HEAD_LAYER; layer++) {
            for (Map.Entry<String, INDArray> param : old.getLayer(layer).paramTable().entrySet()) {
                INDArray current = network.full.getLayer(layer).getParam(param.getKey());
                if (Arrays.equals(current.shape(), param.getValue().shape())) {
                    current.assign(param.getValue());
                } else {
                    convolutionWithInputInserted(current, param.getValue());
                }
            }
        }
        INDArray oldW = old.getLayer(HEAD_LAYER).getParam("W");
        INDArray oldB = old.getLayer(HEAD_LAYER).getParam("b");
        for (int output = 0; output < oldW.columns(); output++) {
            network.full.getLayer(HEAD_LAYER).getParam("W").getColumn(output).assign(oldW.getColumn(output));
            network.full.getLayer(HEAD_LAYER).getParam("b").putScalar(output, oldB.getFloat(output));
        }
        network.kernel.load(network.full);
        return network;
    }

    /**
     * The convolution's weights with the input {@link EventFeaturizer#PURCHASE_COUNT} at 0 and the
     * others as in {@code old}, which lacks it. DL4J reads its [out, in, k, 1] buffer as [k, in,
     * out] (see {@link ScoringKernel#load}), so the input is inserted in that view.
     */
    private static void convolutionWithInputInserted(INDArray current, INDArray old) {
        INDArray from = Convolution1DUtils.reshapeWeightArrayOrGradientForFormat(old, RNNFormat.NCW);
        long[] shape = from.shape();
        INDArray into = Nd4j.zeros(DataType.FLOAT, shape[0], shape[1] + 1, shape[2]);
        int inserted = EventFeaturizer.PURCHASE_COUNT;
        into.put(new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(0, inserted), NDArrayIndex.all()},
                from.get(NDArrayIndex.all(), NDArrayIndex.interval(0, inserted), NDArrayIndex.all()));
        into.put(new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(inserted + 1, shape[1] + 1), NDArrayIndex.all()},
                from.get(NDArrayIndex.all(), NDArrayIndex.interval(inserted, shape[1]), NDArrayIndex.all()));
        current.assign(into.reshape('c', current.shape()));
    }

    /** A network with the given parameters, as {@link #params()} returned them. */
    public static IntentNetwork withParams(NetworkConfig config, float[] params) {
        IntentNetwork network = create(config, 0);
        network.setParams(params);
        return network;
    }

    /** The optimizer's (Adam's) state, so fine-tuning can go on where it stopped after a restore. */
    public float[] updaterState() {
        INDArray state = full.getUpdater().getStateViewArray();
        return state == null ? new float[0] : state.toFloatVector();
    }

    public void setUpdaterState(float[] state) {
        INDArray current = full.getUpdater().getStateViewArray();
        if (current != null && state.length == current.length()) {
            current.assign(Nd4j.createFromArray(state).reshape(current.shape()));
        }
    }

    /** The optimizer's step size from now on: fine-tuning moves a trained model in smaller steps. */
    public void setLearningRate(double learningRate) {
        full.setLearningRate(learningRate);
    }

    /** An independent network with the same parameters and optimizer state. */
    public IntentNetwork copy() {
        IntentNetwork copy = withParams(config, params());
        copy.setUpdaterState(updaterState());
        return copy;
    }

    /**
     * Reads a network saved by {@link #save} in the layout of {@code config}, or, given {@code
     * earlier}, in that earlier one (read into the current one as {@link #inCurrentLayout} does;
     * its optimizer starts afresh).
     */
    public static IntentNetwork load(NetworkConfig config, Optional<EarlierLayout> earlier, Path zip) throws IOException {
        MultiLayerNetwork stored = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
        long expected = earlier.isPresent() ? earlier(config, earlier.get()).numParams() : create(config, 0).numParams();
        if (stored.numParams() != expected) {
            throw new IOException(zip + " does not hold a network of the layout " + config + earlier.map(l -> " " + l).orElse(""));
        }
        return earlier.isPresent() ? fromEarlier(config, stored) : new IntentNetwork(config, stored);
    }

    /** Writes the DL4J zip, optimizer state included, so training can go on from it. */
    public void save(Path zip) throws IOException {
        ModelSerializer.writeModel(full, zip.toFile(), true);
    }

    public NetworkConfig config() {
        return config;
    }

    public long numParams() {
        return full.numParams();
    }

    public float[] params() {
        return full.params().toFloatVector();
    }

    public void setParams(float[] params) {
        if (params.length != full.numParams()) {
            throw new IllegalArgumentException(
                    "expected " + full.numParams() + " parameters for " + config + ", got " + params.length);
        }
        full.setParams(Nd4j.createFromArray(params).reshape(full.params().shape()));
        kernel.load(full);
    }

    /** The score after the last event of {@code sequence} ([events][features]), by the full pass. */
    public float scoreSequence(float[][] sequence) {
        INDArray out = full.output(sequenceInput(sequence), false);
        return (float) IntentValueLoss.sigmoid(out.getFloat(0, INTENT, sequence.length - 1));
    }

    /**
     * The expected order value of a session given a purchase, after the event that left it in
     * {@code state}: the value head on the LSTM's output, in the amounts' own unit (never
     * negative). NaN while the value head is untrained ({@link #valueTrained}).
     */
    public double orderValue(RecurrentState state) {
        return kernel.orderValue(state.hidden());
    }

    /** The value head's output after the last event of {@code sequence}, by the full pass: log(1 + order value). */
    public float logValueSequence(float[][] sequence) {
        return full.output(sequenceInput(sequence), false).getFloat(0, VALUE, sequence.length - 1);
    }

    /** Whether any example with a known order value has trained the value head (it starts at exactly zero). */
    public boolean valueTrained() {
        return kernel.valueTrained();
    }

    /**
     * Sets the value head's bias to {@code logValue} if the head is untrained: it starts where the
     * amounts are (log(1 + amount) may be 5 or 10 in a shop's currency) instead of climbing there
     * at the optimizer's fine-tuning pace.
     */
    public void startValueHead(double logValue) {
        if (!valueTrained()) {
            full.getLayer(HEAD_LAYER).getParam("b").putScalar(VALUE, logValue);
            kernel.load(full);
        }
    }

    /** One optimizer step on a batch of masked sequences; returns the batch's loss before it. */
    public double fit(DataSet batch) {
        full.fit(batch);
        kernel.load(full);
        return full.score();
    }

    /**
     * The score after the last event of each of {@code sequences}, by DL4J's full pass, one forward
     * call per distinct length: the reference the scoring kernel is held to ({@link #recomputeAll}
     * gives the same scores, much faster).
     */
    public float[] scoreLast(List<float[][]> sequences) {
        float[] scores = new float[sequences.size()];
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int i = 0; i < sequences.size(); i++) {
            byLength.computeIfAbsent(sequences.get(i).length, n -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : byLength.values()) {
            float[] groupScores = scoreSequences(group.stream().map(sequences::get).toArray(float[][][]::new));
            for (int j = 0; j < group.size(); j++) {
                scores[group.get(j)] = groupScores[j];
            }
        }
        return scores;
    }

    /**
     * The score after the last event of each of equally long {@code sequences}, by the full pass
     * in one call.
     */
    public float[] scoreSequences(float[][][] sequences) {
        int length = sequences[0].length;
        INDArray out = full.output(batchInput(sequences), false);
        float[] logits = out.get(NDArrayIndex.all(), NDArrayIndex.point(INTENT), NDArrayIndex.point(length - 1)).toFloatVector();
        float[] scores = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            scores[i] = (float) IntentValueLoss.sigmoid(logits[i]);
        }
        return scores;
    }

    /**
     * Runs a whole sequence and returns the state after its last event, with the score there:
     * what a session needs when its carried state cannot be advanced (a new model, an event out
     * of order, a merge).
     */
    public Stepped recompute(float[][] sequence) {
        return recomputeAll(List.<float[][]>of(sequence));
    }

    /**
     * {@link #recompute} for many sessions at once, of any lengths: scores and states in the order
     * of {@code sequences}, in a few forward calls instead of one per session.
     */
    public Stepped recomputeAll(List<float[][]> sequences) {
        return kernel.replay(sequences);
    }

    /** Scores and new states of a batch of sessions after one more event each. */
    public record Stepped(float[] scores, RecurrentState[] states) {}

    /**
     * Advances each session by one event: {@code inputs[i]} are the features of session i's new
     * event, {@code states[i]} its carried state. One forward call for the whole batch (up to a
     * few hundred sessions; larger batches run in chunks).
     */
    public Stepped step(float[][] inputs, RecurrentState[] states) {
        return kernel.step(inputs, states);
    }

    private INDArray sequenceInput(float[][] sequence) {
        return batchInput(new float[][][] {sequence});
    }

    /** Equally long sequences as one [batch, features, time] input. */
    private INDArray batchInput(float[][][] sequences) {
        int length = sequences[0].length;
        int features = config.features();
        float[] x = new float[sequences.length * features * length];
        for (int b = 0; b < sequences.length; b++) {
            for (int t = 0; t < length; t++) {
                for (int f = 0; f < features; f++) {
                    x[(b * features + f) * length + t] = sequences[b][t][f];
                }
            }
        }
        return Nd4j.create(x, new long[] {sequences.length, features, length}, 'c');
    }

    private static Layer convolutionLayer(NetworkConfig config) {
        return new Convolution1DLayer.Builder()
                .kernelSize(config.kernel())
                .nOut(config.convChannels())
                .convolutionMode(ConvolutionMode.Causal)
                .rnnDataFormat(RNNFormat.NCW)
                .activation(Activation.RELU)
                .build();
    }

    private static Layer lstmLayer(NetworkConfig config) {
        return new LSTM.Builder().nOut(config.lstmSize()).activation(Activation.TANH).build();
    }

    /** Both heads in one layer: output {@link #INTENT} a logit, {@link #VALUE} log(1 + order value). */
    private static Layer outputLayer() {
        return new RnnOutputLayer.Builder(new IntentValueLoss()).nOut(2).activation(Activation.IDENTITY).build();
    }

    /** The head of networks saved before the value head, for reading their parameters. */
    private static Layer intentOnlyOutputLayer() {
        return new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build();
    }

    private static MultiLayerNetwork network(long seed, int inputs, Layer... layers) {
        NeuralNetConfiguration.ListBuilder builder =
                new NeuralNetConfiguration.Builder()
                        .seed(seed)
                        .dataType(DataType.FLOAT)
                        .optimizationAlgo(OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT)
                        .weightInit(WeightInit.XAVIER)
                        .updater(new Adam(5e-3))
                        .list();
        for (Layer layer : layers) {
            builder.layer(layer.clone());
        }
        MultiLayerConfiguration conf = builder.setInputType(InputType.recurrent(inputs, RNNFormat.NCW)).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }
}
