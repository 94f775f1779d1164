package io.intentflow.tools.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Who may use a secured broker: each principal's SCRAM password, kept in {@code secrets/NAME/} of
 * the data folder as {@code password} and as a ready {@code sasl.jaas.config} (a folder that
 * Kafka's {@code DirectoryConfigProvider} reads), and the ACLs. The credentials and ACLs live in
 * the broker's metadata, so a JVM with the broker's Kafka client ({@link BrokerAccessSetup})
 * writes them over the PLAINTEXT listener once the broker serves; this launcher runs on the JDK
 * alone.
 */
final class BrokerAccess {

    static final String JAAS_CONFIG = "sasl.jaas.config";

    /** {@link BrokerAccessSetup}, by name: loading the class here would need the Kafka client. */
    static final String SETUP_MAIN_CLASS = "io.intentflow.tools.broker.BrokerAccessSetup";

    private static final String SPEC = "access.properties";
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

    private BrokerAccess() {}

    static Path secretsDir(Path dir, String principal) {
        return dir.resolve("secrets").resolve(principal);
    }

    /** Makes up a password for the super user and each principal that has none yet. */
    static void ensureCredentials(Path dir, BrokerSecurity security) throws IOException {
        List<String> users = new ArrayList<>(List.of(BrokerSecurity.ADMIN));
        security.principals().forEach(p -> users.add(p.name()));
        for (String user : users) {
            Path secrets = secretsDir(dir, user);
            if (Files.exists(secrets.resolve("password")) && Files.exists(secrets.resolve(JAAS_CONFIG))) {
                continue;
            }
            Files.createDirectories(secrets);
            String password = Secrets.randomPassword();
            Secrets.writePrivate(secrets.resolve("password"), password + "\n");
            Secrets.writePrivate(secrets.resolve(JAAS_CONFIG), jaasConfig(user, password));
        }
    }

    /**
     * The Kafka client properties with which {@code principal} connects to the secured listener:
     * the password stays in its file, which Kafka's {@code DirectoryConfigProvider} reads when the
     * client starts, so these properties can be shown and logged.
     */
    static Map<String, String> clientProperties(Path dir, String principal) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", BrokerSecurity.MECHANISM);
        properties.put("ssl.truststore.type", "PEM");
        properties.put("ssl.truststore.location", BrokerTls.certificate(dir).toString());
        properties.put("config.providers", "secret");
        properties.put("config.providers.secret.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
        properties.put(JAAS_CONFIG, "${secret:" + secretsDir(dir, principal) + ":" + JAAS_CONFIG + "}");
        return properties;
    }

    /** The client login for {@code user}, as {@code sasl.jaas.config} takes it. */
    static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
    }

    /** Creates the credentials and ACLs on the running broker; idempotent. */
    static void apply(BrokerSettings settings, ProcessBuilder setup) throws IOException, InterruptedException {
        Path dir = BrokerProcess.dir(settings);
        Files.writeString(dir.resolve("secrets").resolve(SPEC), spec(settings.security()));
        Path out = dir.resolve("access-setup.out");
        Process process = setup.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(SETUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("creating the broker's credentials and ACLs did not finish within "
                    + SETUP_TIMEOUT.toSeconds() + " s; see " + out);
        }
        if (process.exitValue() != 0) {
            throw new IOException("creating the broker's credentials and ACLs failed: " + Files.readString(out).trim());
        }
    }

    /** What {@link BrokerAccessSetup} reads: the principals and their resources, no passwords. */
    private static String spec(BrokerSecurity security) {
        StringBuilder spec = new StringBuilder("principals=");
        spec.append(String.join(",", security.principals().stream().map(BrokerSecurity.Principal::name).toList())).append('\n');
        for (BrokerSecurity.Principal p : security.principals()) {
            spec.append(p.name()).append(".topics=").append(String.join(",", p.topics())).append('\n');
            spec.append(p.name()).append(".group-prefix=").append(p.groupPrefix()).append('\n');
            spec.append(p.name()).append(".transactional-id-prefix=").append(p.transactionalIdPrefix()).append('\n');
        }
        return spec.toString();
    }
}
