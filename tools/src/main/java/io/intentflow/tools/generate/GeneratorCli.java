package io.intentflow.tools.generate;

import io.intentflow.tools.generate.GeneratedRecord.Kind;
import io.intentflow.tools.kafka.ProducerCommand;

/** {@code bin/intentflow generate}: the synthetic clickstream into Kafka. Flags: {@link GeneratorSettings}. */
public final class GeneratorCli {

    private GeneratorCli() {}

    public static void main(String[] args) {
        GeneratorSettings settings;
        try {
            settings = GeneratorSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("generate: " + e.getMessage());
            System.exit(2);
            return;
        }
        ClickstreamProducer generator = new ClickstreamProducer(settings);
        System.out.printf(
                "generate: %d users, seed %d, start %d, up to %d records/s to %s and %s on %s%n",
                settings.users(), settings.seed(), settings.start(), settings.rate(),
                settings.clicksTopic(), settings.purchasesTopic(), settings.bootstrap());
        boolean ok = ProducerCommand.run(
                generator,
                rate -> String.format(
                        "generate: sent=%d rate=%d/s malformed=%d late=%d purchases=%d",
                        generator.sentTotal(), rate, generator.sent(Kind.MALFORMED), generator.sent(Kind.LATE),
                        generator.sent(Kind.PURCHASE)),
                () -> summary(generator));
        if (!ok) {
            System.exit(1);
        }
    }

    static String summary(ClickstreamProducer generator) {
        String refused = generator.refused() == 0 ? "" : " refused=" + generator.refused();
        return String.format(
                "generated: clicks=%d purchases=%d malformed=%d duplicates=%d late=%d%s",
                generator.clicksSent(),
                generator.sent(Kind.PURCHASE),
                generator.sent(Kind.MALFORMED),
                generator.sent(Kind.DUPLICATE),
                generator.sent(Kind.LATE),
                refused);
    }
}
