package io.intentflow.model.network;

import io.intentflow.model.features.FeatureSet;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The shape of the intent network. Two models with the same {@link #hash()} have parameter
 * vectors of the same length and meaning, so one can replace the other's weights.
 *
 * @param convChannels output channels of the causal 1-D convolution
 * @param kernel the convolution's width in events; the scorer carries the last {@code kernel-1}
 *     inputs of every open session
 * @param lstmSize the LSTM's hidden size
 * @param featureSet the inputs of every event (the job's {@code model.features})
 */
public record NetworkConfig(int convChannels, int kernel, int lstmSize, FeatureSet featureSet) implements Serializable {

    public NetworkConfig {
        if (convChannels < 1 || kernel < 1 || lstmSize < 1 || featureSet == null) {
            throw new IllegalArgumentException("network sizes must be positive and the feature set given: " + this);
        }
    }

    /** A network of the session's features: every model trained before {@code model.features} existed. */
    public NetworkConfig(int convChannels, int kernel, int lstmSize) {
        this(convChannels, kernel, lstmSize, FeatureSet.SESSION);
    }

    public NetworkConfig withFeatures(FeatureSet features) {
        return new NetworkConfig(convChannels, kernel, lstmSize, features);
    }

    /** Chosen by measurement: see the README's table of sizes (bin/intentflow model-sizes). */
    public static NetworkConfig defaults() {
        return new NetworkConfig(16, 3, 32);
    }

    public int features() {
        return featureSet.features();
    }

    /** Identifies the parameter layout: sizes plus the feature set's version, and both heads. */
    public String hash() {
        return digest(layout(featureSet.version()) + "+value1");
    }

    /**
     * The layouts the same network's parameters were saved in before, each read into the current
     * one by {@code IntentNetwork.inCurrentLayout}: models, updates and savepoints of them load.
     */
    public enum EarlierLayout {
        /** Before the featurizer counted purchases earlier in the session: one input fewer. */
        FEATURES_V1,
        /** As {@link #FEATURES_V1}, and before the value head: one output fewer too. */
        FEATURES_V1_INTENT_ONLY
    }

    /** The earlier layout {@code configHash} identifies, if it is one of this network's. */
    public Optional<EarlierLayout> earlierLayout(String configHash) {
        String v1 = layout(featureSet.previousVersion());
        if (digest(v1 + "+value1").equals(configHash)) {
            return Optional.of(EarlierLayout.FEATURES_V1);
        }
        if (digest(v1).equals(configHash)) {
            return Optional.of(EarlierLayout.FEATURES_V1_INTENT_ONLY);
        }
        return Optional.empty();
    }

    private String layout(String featuresVersion) {
        return featuresVersion + "/conv" + convChannels + "x" + kernel + "/lstm" + lstmSize + "/sigmoid1";
    }

    private static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
