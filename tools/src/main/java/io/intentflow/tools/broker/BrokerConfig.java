package io.intentflow.tools.broker;

import java.nio.file.Path;
import java.util.Locale;

/** The broker's {@code server.properties} and log4j2 configuration. */
final class BrokerConfig {

    private BrokerConfig() {}

    /**
     * One node that is both broker and controller, on loopback, with single-replica internal
     * topics; with {@link BrokerSettings#security()}, also a SASL_SSL listener (see {@link #secured}).
     */
    static String serverProperties(BrokerSettings s, Path dir, String keystorePassword) {
        String plaintext = "PLAINTEXT://" + BrokerProcess.HOST + ":" + s.port();
        String secured = s.security() == null ? "" : ",SASL_SSL://" + BrokerProcess.HOST + ":" + s.security().port();
        String common = lines(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + BrokerProcess.HOST + ":" + s.controllerPort(),
                "listeners=" + plaintext + secured + ",CONTROLLER://" + BrokerProcess.HOST + ":" + s.controllerPort(),
                "advertised.listeners=" + plaintext + secured,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT" + (secured.isEmpty() ? "" : ",SASL_SSL:SASL_SSL"),
                "log.dirs=" + dir.resolve("logs"),
                "num.partitions=4",
                // The internal topics' defaults (50 partitions each) only slow a one-node broker down.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "min.insync.replicas=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                // Flink's exactly-once sink holds transactions open across checkpoints.
                "transaction.max.timeout.ms=900000",
                "message.max.bytes=2097152");
        return s.security() == null ? common : common + secured(dir, keystorePassword);
    }

    /**
     * SCRAM-SHA-512 over TLS on the SASL_SSL listener, and ACLs everywhere. The broker's own
     * traffic (controller and inter-broker) stays on the PLAINTEXT listeners on loopback, whose
     * principal {@code User:ANONYMOUS} is therefore a super user, like {@value BrokerSecurity#ADMIN}:
     * whoever can reach the machine's loopback can administer this broker, as without security.
     */
    private static String secured(Path dir, String keystorePassword) {
        String listener = "listener.name.sasl_ssl.";
        return lines(
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:ANONYMOUS;User:" + BrokerSecurity.ADMIN,
                "allow.everyone.if.no.acl.found=false",
                "sasl.enabled.mechanisms=" + BrokerSecurity.MECHANISM,
                listener + BrokerSecurity.MECHANISM.toLowerCase(Locale.ROOT)
                        + ".sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                listener + "ssl.keystore.type=PKCS12",
                listener + "ssl.keystore.location=" + BrokerTls.keystore(dir),
                listener + "ssl.keystore.password=" + keystorePassword,
                listener + "ssl.key.password=" + keystorePassword);
    }

    /**
     * The broker logs to {@code logFile} only: warnings, and its start and stop lines. Log4j's
     * own shutdown hook stays off: it would stop logging while Kafka's hook still shuts down, and
     * the next log call would start a second logger context.
     */
    static String log4j(Path logFile) {
        return lines(
                "status = warn",
                "shutdownHook = disable",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + logFile,
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.file.ref = file",
                "logger.server.name = kafka.server.KafkaRaftServer",
                "logger.server.level = INFO",
                "logger.broker.name = kafka.server.BrokerServer",
                "logger.broker.level = INFO");
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }
}
