package io.intentflow.tools.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;

/**
 * The command line of a Flink cluster JVM, as Flink's bin scripts build it: memory flags and
 * dynamic properties computed by {@code BashJavaUtils} from the configuration, Flink's
 * {@code --add-opens} list, the {@code env.java.opts.*} of the role, the log file, and the
 * cluster classpath (Flink, log4j, DL4J/ND4J).
 */
final class FlinkProcess {

    /** A JobManager or a TaskManager: its main class, and how BashJavaUtils sizes it. */
    enum Role {
        JOBMANAGER("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "GET_JM_RESOURCE_PARAMS"),
        TASKMANAGER("org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "GET_TM_RESOURCE_PARAMS");

        final String mainClass;
        final String resourceCommand;

        Role(String mainClass, String resourceCommand) {
            this.mainClass = mainClass;
            this.resourceCommand = resourceCommand;
        }
    }

    // Flink's own list (bin/config.sh), for Java 17.
    private static final List<String> ADD_OPENS = List.of(
            "java.base/java.lang", "java.base/java.util", "java.base/java.lang.reflect", "java.base/java.nio",
            "java.base/sun.nio.ch", "java.base/java.net", "java.base/java.io", "java.base/java.time",
            "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic", "java.base/java.text",
            "java.sql/java.sql");
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final long RESOURCE_TIMEOUT_SECONDS = 60;

    private FlinkProcess() {}

    /**
     * The command that runs {@code role} on the configuration in {@code confDir}, logging to
     * {@code logFile}; {@code dynamic} are extra {@code -D key=value} properties.
     */
    static List<String> command(
            Role role, Path confDir, Configuration conf, String classpath, Path log4jConfig, Path logFile,
            Path javacppCache, List<String> dynamic) throws IOException, InterruptedException {
        List<String> resources = resourceParams(role, confDir, classpath);
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(split(resources.get(0)));
        ADD_OPENS.forEach(module -> command.add("--add-opens=" + module + "=ALL-UNNAMED"));
        command.addAll(split(conf.get(CoreOptions.FLINK_JVM_OPTIONS)));
        command.addAll(split(conf.get(role == Role.JOBMANAGER ? CoreOptions.FLINK_JM_JVM_OPTIONS : CoreOptions.FLINK_TM_JVM_OPTIONS)));
        command.add("-Dlog.file=" + logFile.toAbsolutePath());
        command.add("-Dlog4j.configurationFile=" + log4jConfig.toAbsolutePath().toUri());
        // ND4J unpacks its natives here once, not into the home folder.
        command.add("-Dorg.bytedeco.javacpp.cachedir=" + javacppCache.toAbsolutePath());
        command.addAll(List.of("-cp", classpath, role.mainClass, "--configDir", confDir.toAbsolutePath().toString()));
        command.addAll(split(resources.get(1)));
        for (String property : dynamic) {
            command.addAll(List.of("-D", property));
        }
        return command;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** BashJavaUtils' two result lines: JVM memory flags, then {@code -D key=value} pairs. */
    private static List<String> resourceParams(Role role, Path confDir, String classpath)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("intentflow-bash-java-utils-", ".out");
        try {
            Process process = new ProcessBuilder(
                            java(), "-cp", classpath, "org.apache.flink.runtime.util.bash.BashJavaUtils",
                            role.resourceCommand, "--configDir", confDir.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(RESOURCE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("computing the " + role.name().toLowerCase() + "'s memory took over "
                        + RESOURCE_TIMEOUT_SECONDS + " s");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            List<String> results = output.lines()
                    .filter(line -> line.startsWith(RESULT_PREFIX))
                    .map(line -> line.substring(RESULT_PREFIX.length()))
                    .toList();
            if (process.exitValue() != 0 || results.size() < 2) {
                // Typically a bad memory setting in config.yaml: Flink's message names the key.
                throw new IOException("Flink refused the " + role.name().toLowerCase() + "'s memory configuration:\n"
                        + output.lines().filter(line -> !line.startsWith(RESULT_PREFIX)).reduce((a, b) -> a + "\n" + b).orElse(""));
            }
            return results.subList(results.size() - 2, results.size());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static List<String> split(String options) {
        return options == null || options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
    }
}
