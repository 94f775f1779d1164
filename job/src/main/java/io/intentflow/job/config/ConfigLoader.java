package io.intentflow.job.config;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.YamlParserUtils;
import org.apache.flink.util.ParameterTool;

/**
 * Reads the job's configuration: an optional YAML file ({@code --config FILE}, nested or dotted
 * keys), then {@code --key value} arguments, which win. Keys that are not the job's own are
 * Flink options and configure the execution environment.
 */
public final class ConfigLoader {

    public static final String CONFIG_FILE_ARG = "config";

    /** {@code --model-version V}: start from (or roll back to) version V of the model registry. */
    public static final String MODEL_VERSION_ARG = "model-version";

    private ConfigLoader() {}

    public static Configuration load(String[] args) {
        ParameterTool params = ParameterTool.fromArgs(args);
        Map<String, String> values = new LinkedHashMap<>();
        if (params.has(CONFIG_FILE_ARG)) {
            values.putAll(readYaml(new File(params.get(CONFIG_FILE_ARG))));
        }
        params.toMap().forEach(
                (key, value) -> {
                    if (key.equals(MODEL_VERSION_ARG)) {
                        values.put(JobOptions.MODEL_VERSION.key(), value);
                    } else if (!key.equals(CONFIG_FILE_ARG)) {
                        values.put(key, value);
                    }
                });
        return Configuration.fromMap(values);
    }

    static Map<String, String> readYaml(File file) {
        if (!file.isFile()) {
            throw new InvalidConfigException("--" + CONFIG_FILE_ARG, "no such file: " + file);
        }
        Map<String, Object> tree;
        try {
            tree = YamlParserUtils.loadYamlFile(file);
        } catch (Exception e) {
            throw new InvalidConfigException("--" + CONFIG_FILE_ARG, file + " is not valid YAML: " + e.getMessage());
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", tree == null ? Map.of() : tree, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> tree, Map<String, String> flat) {
        tree.forEach(
                (key, value) -> {
                    String name = prefix + key;
                    if (value instanceof Map<?, ?> nested) {
                        flatten(name + ".", nested, flat);
                    } else if (value != null) {
                        flat.put(name, YamlParserUtils.toYAMLString(value).trim());
                    }
                });
    }
}
