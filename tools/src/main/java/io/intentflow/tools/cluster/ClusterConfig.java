package io.intentflow.tools.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;

/**
 * The local cluster's Flink configuration: {@code conf/config.yaml} with the overrides of one
 * start (slots, ports, folders), its relative folders made absolute against the working
 * directory, written to the folder the cluster's JVMs read it from.
 */
final class ClusterConfig {

    static final String FILE = GlobalConfiguration.FLINK_CONF_FILENAME;

    private static final List<ConfigOption<String>> FOLDERS =
            List.of(CheckpointingOptions.CHECKPOINTS_DIRECTORY, CheckpointingOptions.SAVEPOINT_DIRECTORY);

    private ClusterConfig() {}

    /** Reads {@code templateDir/config.yaml}, applies {@code overrides}, writes the result into {@code confDir}. */
    static Configuration write(Path templateDir, Map<String, String> overrides, Path confDir) throws IOException {
        if (!Files.isRegularFile(templateDir.resolve(FILE))) {
            throw new IOException("no Flink configuration at " + templateDir.resolve(FILE));
        }
        Configuration conf = GlobalConfiguration.loadConfiguration(templateDir.toString());
        conf.addAll(Configuration.fromMap(overrides));
        for (ConfigOption<String> folder : FOLDERS) {
            conf.getOptional(folder).ifPresent(value -> conf.set(folder, absoluteUri(value)));
        }
        Files.createDirectories(confDir);
        Files.write(confDir.resolve(FILE), ConfigurationUtils.convertConfigToWritableLines(conf, true));
        return conf;
    }

    /** The configuration a started cluster runs with. */
    static Configuration read(Path confDir) {
        return GlobalConfiguration.loadConfiguration(confDir.toString());
    }

    /** Where the cluster's REST API (and Web UI) answers, as clients on this machine reach it. */
    static URI restUri(Configuration conf) {
        return URI.create("http://" + conf.get(RestOptions.ADDRESS, "localhost") + ":" + conf.get(RestOptions.PORT) + "/");
    }

    /**
     * A local path as an absolute file URI, since the cluster's JVMs, not this shell, resolve it;
     * a value with a scheme ({@code file:}, {@code s3:}, ...) is kept.
     */
    static String absoluteUri(String value) {
        if (value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return value;
        }
        return Path.of(value).toAbsolutePath().normalize().toUri().toString();
    }
}
