package io.intentflow.tools.broker;

import java.nio.file.Path;

/** The broker's {@code server.properties} and log4j2 configuration. */
final class BrokerConfig {

    private BrokerConfig() {}

    /** One node that is both broker and controller, on loopback, with single-replica internal topics. */
    static String serverProperties(BrokerSettings s, Path dir) {
        return lines(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + BrokerProcess.HOST + ":" + s.controllerPort(),
                "listeners=PLAINTEXT://" + BrokerProcess.HOST + ":" + s.port()
                        + ",CONTROLLER://" + BrokerProcess.HOST + ":" + s.controllerPort(),
                "advertised.listeners=PLAINTEXT://" + BrokerProcess.HOST + ":" + s.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
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
