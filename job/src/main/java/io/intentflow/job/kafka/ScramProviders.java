package io.intentflow.job.kafka;

import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.security.scram.internals.ScramSaslClientProvider;

/**
 * Kafka registers its SCRAM SASL providers JVM-wide ({@link Security#addProvider}), once, from the
 * classloader that first loads its SCRAM login module, and never again while one is registered.
 * On a session cluster the job's main (and so {@link KafkaAccessCheck}) runs in a classloader that
 * Flink closes after submission, and each job in one of its own that is closed when the job ends:
 * a provider left behind by either fails every later SCRAM login in that JVM with
 * {@code NoClassDefFoundError: ...ScramMessages$ServerFinalMessage}. The check therefore takes
 * over the JVM's SCRAM providers while it runs and removes its own afterwards, so that the job's
 * sources on the JobManager register theirs; and the job's (de)serializers, opened on the
 * TaskManagers before their Kafka clients start, replace a provider left by an earlier job.
 */
final class ScramProviders {

    private static final List<String> CLASSES = List.of(
            "org.apache.kafka.common.security.scram.internals.ScramSaslClientProvider",
            "org.apache.kafka.common.security.scram.internals.ScramSaslServerProvider");

    private ScramProviders() {}

    /**
     * Replaces SCRAM providers of other classloaders (a job's that ended, most likely) with ours;
     * without any, leaves the JVM as it is, so a job without SCRAM registers nothing.
     */
    static void adopt() {
        if (remove(false)) {
            ScramSaslClientProvider.initialize();
        }
    }

    /** {@link #adopt()} and a registered SCRAM client provider of ours, for the access check. */
    static void adoptAndRegister() {
        remove(false);
        ScramSaslClientProvider.initialize();
    }

    /**
     * Removes ours, unless this code was loaded by the application classloader (the job jar on the
     * cluster's classpath, or a test), which the job's own Kafka clients share.
     */
    static void release() {
        if (ScramProviders.class.getClassLoader() != ClassLoader.getSystemClassLoader()) {
            remove(true);
        }
    }

    /** Whether it removed any. */
    private static boolean remove(boolean ours) {
        ClassLoader loader = ScramProviders.class.getClassLoader();
        List<String> names = Arrays.stream(Security.getProviders())
                .filter(p -> CLASSES.contains(p.getClass().getName()))
                .filter(p -> (p.getClass().getClassLoader() == loader) == ours)
                .map(Provider::getName)
                .toList();
        names.forEach(Security::removeProvider);
        return !names.isEmpty();
    }
}
