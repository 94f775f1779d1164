package io.intentflow.model.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.network.NetworkConfig.EarlierLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A model on disk: the DL4J zip ({@code NAME.zip}) and its metadata ({@code NAME.json}:
 * version, parent, config and its hash, created-at, metrics). Loading checks that the two agree.
 */
public final class ModelFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {}

    /** A network with its update: what a job starts from or publishes. */
    public record StoredModel(IntentNetwork network, ModelUpdate update) {}

    public static void save(Path zip, IntentNetwork network, ModelUpdate update) throws IOException {
        Files.createDirectories(zip.toAbsolutePath().getParent());
        network.save(zip);
        ObjectNode meta = JSON.createObjectNode();
        meta.put("version", update.version());
        meta.put("parentVersion", update.parentVersion());
        meta.put("configHash", update.configHash());
        meta.put("createdAt", update.createdAt());
        meta.put("convChannels", network.config().convChannels());
        meta.put("kernel", network.config().kernel());
        meta.put("lstmSize", network.config().lstmSize());
        meta.put("features", network.config().featureSet().key());
        meta.put("valueTrained", network.valueTrained());
        meta.set("metrics", update.metrics() == null || update.metrics().isEmpty() ? JSON.createObjectNode() : JSON.readTree(update.metrics()));
        JSON.writerWithDefaultPrettyPrinter().writeValue(metadataOf(zip).toFile(), meta);
    }

    /** @throws IOException when a file is missing or unreadable, or zip and metadata disagree */
    public static StoredModel load(Path zip) throws IOException {
        Path metaFile = metadataOf(zip);
        if (!Files.isRegularFile(zip) || !Files.isRegularFile(metaFile)) {
            throw new IOException("a model needs both " + zip + " and " + metaFile);
        }
        JsonNode meta = JSON.readTree(metaFile.toFile());
        NetworkConfig config;
        try {
            config = new NetworkConfig(
                    meta.path("convChannels").asInt(),
                    meta.path("kernel").asInt(),
                    meta.path("lstmSize").asInt(),
                    // Models saved before the choice existed are all of the session's features.
                    FeatureSet.of(meta.path("features").asText(FeatureSet.SESSION.key())));
        } catch (IllegalArgumentException e) {
            throw new IOException(metaFile + ": " + e.getMessage(), e);
        }
        String configHash = meta.path("configHash").asText();
        // A model saved in an earlier layout of the network loads in the current one.
        Optional<EarlierLayout> earlier = config.earlierLayout(configHash);
        if (!config.hash().equals(configHash) && earlier.isEmpty()) {
            throw new IOException(metaFile + ": config hash " + configHash + " does not match its sizes (" + config.hash() + ")");
        }
        IntentNetwork network = IntentNetwork.load(config, earlier, zip);
        ModelUpdate update =
                new ModelUpdate(
                        meta.path("version").asLong(),
                        meta.path("parentVersion").asLong(),
                        config.hash(),
                        meta.path("createdAt").asLong(),
                        network.params(),
                        meta.path("metrics").toString());
        return new StoredModel(network, update);
    }

    static Path metadataOf(Path zip) {
        String name = zip.getFileName().toString();
        String base = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return zip.resolveSibling(base + ".json");
    }
}
