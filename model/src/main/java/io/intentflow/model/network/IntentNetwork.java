package io.intentflow.model.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
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
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The intent network: a causal 1-D convolution over the event sequence, an LSTM, and a sigmoid
 * head giving P(purchase in this session) after every event.
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

    private final NetworkConfig config;
    private final MultiLayerNetwork full;
    private final ScoringKernel kernel;

    private IntentNetwork(NetworkConfig config, MultiLayerNetwork full) {
        this.config = config;
        this.full = full;
        this.kernel = new ScoringKernel(config);
        kernel.load(full);
    }

    /** A new network with freshly initialised weights (deterministic for a seed). */
    public static IntentNetwork create(NetworkConfig config, long seed) {
        MultiLayerNetwork full =
                network(seed, config.features(), convolutionLayer(config), lstmLayer(config), outputLayer(config));
        return new IntentNetwork(config, full);
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

    /** Reads a network saved by {@link #save}; its layers must have the layout of {@code config}. */
    public static IntentNetwork load(NetworkConfig config, Path zip) throws IOException {
        MultiLayerNetwork stored = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
        if (stored.numParams() != create(config, 0).numParams()) {
            throw new IOException(zip + " does not hold a network of the layout " + config);
        }
        return new IntentNetwork(config, stored);
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
        return out.getFloat(0, 0, sequence.length - 1);
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
        return out.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(length - 1)).toFloatVector();
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

    private static Layer outputLayer(NetworkConfig config) {
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
