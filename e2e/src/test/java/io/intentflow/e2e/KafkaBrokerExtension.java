package io.intentflow.e2e;

import io.intentflow.tools.FreePorts;
import io.intentflow.tools.broker.BrokerSecurity;
import io.intentflow.tools.broker.BrokerSettings;
import io.intentflow.tools.broker.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker process on loopback for one test class, in a temporary folder; {@link
 * #secured} adds a SASL_SSL listener with ACLs for the given principals.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private final List<BrokerSecurity.Principal> principals;
    private Path dataDir;
    private KafkaBroker broker;

    public KafkaBrokerExtension() {
        this(null);
    }

    private KafkaBrokerExtension(List<BrokerSecurity.Principal> principals) {
        this.principals = principals;
    }

    /** With a SASL_SSL listener whose ACLs allow each principal its own topics, groups and transactional ids. */
    public static KafkaBrokerExtension secured(BrokerSecurity.Principal... principals) {
        return new KafkaBrokerExtension(List.of(principals));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("intentflow-kafka-");
        BrokerSettings settings = new BrokerSettings(dataDir, freePort(), freePort(), 768);
        broker = KafkaBroker.start(principals == null ? settings : settings.secured(new BrokerSecurity(freePort(), principals)));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The PLAINTEXT listener; on a secured broker its anonymous clients are super users. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String securedBootstrapServers() {
        return broker.securedBootstrapServers();
    }

    /** The job's {@code kafka.properties.*} with which {@code principal} connects to the secured listener. */
    public Map<String, String> jobProperties(String principal) {
        Map<String, String> properties = new HashMap<>();
        broker.clientProperties(principal).forEach((key, value) -> properties.put("kafka.properties." + key, value));
        return properties;
    }

    /** The password the launcher made up for {@code principal}. */
    public String password(String principal) throws IOException {
        return Files.readString(broker.secretsDir(principal).resolve("password")).trim();
    }

    /** A port free now on loopback, for a server the test starts next. */
    static int freePort() {
        return FreePorts.next();
    }
}
