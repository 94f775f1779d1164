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
                new float[(config.kernel() - 1) * config.features()]);
    }
}
