package io.intentflow.learn;

import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The folder ({@code model.registry.dir}) where every published version is kept as
 * {@code model-v<N>.zip} + {@code .json}, so that a job can start from, or roll back to, any of
 * them ({@code model.version}). Without a folder, nothing is written.
 */
public final class ModelRegistry {

    private final Path dir;

    /** @param dir the folder; null for none */
    ModelRegistry(String dir) {
        this.dir = dir == null ? null : Path.of(dir);
    }

    void save(IntentNetwork network, ModelUpdate version) throws IOException {
        if (dir != null) {
            ModelFiles.save(file(dir, version.version()), network, version);
        }
    }

    /** Where version {@code version} lies in the registry folder {@code dir}. */
    public static Path file(Path dir, long version) {
        return dir.resolve("model-v" + version + ".zip");
    }
}
