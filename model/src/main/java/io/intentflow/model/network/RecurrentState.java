package io.intentflow.model.network;

/**
 * What the network needs to advance a session by one event: the LSTM's hidden and cell state
 * and the last {@code kernel - 1} inputs the causal convolution looks back on (oldest first,
 * flattened). A new session starts from all zeros, which is exactly what the full pass sees:
 * zero initial state and zero causal padding.
 */
public record RecurrentState(float[] hidden, float[] cell, float[] window) {

    public static RecurrentState initial(NetworkConfig config) {
        return new RecurrentState(
                new float[config.lstmSize()],
                new float[config.lstmSize()],
                new float[windowLength(config)]);
    }

    /** How many floats the window of {@code config}'s network holds: a state of another layout's has another length. */
    public static int windowLength(NetworkConfig config) {
        return (config.kernel() - 1) * config.features();
    }
}
