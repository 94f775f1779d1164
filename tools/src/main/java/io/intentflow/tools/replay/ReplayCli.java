package io.intentflow.tools.replay;

import io.intentflow.tools.datasets.Dataset;
import io.intentflow.tools.kafka.ProducerCommand;
import java.io.IOException;
import java.time.Instant;

/**
 * {@code bin/intentflow replay}: a public dataset into Kafka, in event-time order. Flags: {@link
 * ReplaySettings}. Prints what was read, a progress line per second and a summary line.
 */
public final class ReplayCli {

    private ReplayCli() {}

    public static void main(String[] args) throws IOException {
        ReplaySettings settings;
        try {
            settings = ReplaySettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf("replay: reading %s (%s) and sorting it by event time%n", settings.input(), settings.format().name());
        Dataset dataset;
        try {
            dataset = Dataset.read(settings.format(), settings.input());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("replay: cannot read " + settings.input() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        boolean ok;
        try (dataset) {
            System.out.println("read: " + dataset.report().summary());
            Replayer replayer = new Replayer(settings, dataset.records());
            System.out.printf(
                    "replay: %s to %s and %s on %s%n",
                    settings.speed().isPresent() ? "at " + settings.speed().getAsDouble() + "x real time" : "as fast as the broker takes it",
                    settings.clicksTopic(), settings.purchasesTopic(), settings.bootstrap());
            ok = ProducerCommand.run(
                    replayer,
                    rate -> String.format(
                            "replay: sent=%d rate=%d/s clicks=%d orders=%d event time %s",
                            replayer.sentTotal(), rate, replayer.clicksSent(), replayer.sent(Replayer.Kind.ORDER), eventTime(replayer)),
                    () -> String.format(
                            "replayed: clicks=%d orders=%d up to event time %s",
                            replayer.clicksSent(), replayer.sent(Replayer.Kind.ORDER), eventTime(replayer)));
        }
        if (!ok) {
            System.exit(1);
        }
    }

    private static String eventTime(Replayer replayer) {
        return replayer.eventTime() == 0 ? "-" : Instant.ofEpochMilli(replayer.eventTime()).toString();
    }
}
