package io.intentflow.e2e;

import io.intentflow.tools.FreePorts;
import io.intentflow.tools.broker.BrokerSettings;
import io.intentflow.tools.broker.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A real Kafka broker process on loopback for one test class, in a temporary folder. */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private Path dataDir;
    private KafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("intentflow-kafka-");
        broker = KafkaBroker.start(new BrokerSettings(dataDir, freePort(), freePort(), 768));
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

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** A port free now on loopback, for a server the test starts next. */
    static int freePort() {
        return FreePorts.next();
    }
}
