package io.intentflow.tools.generate;

import io.intentflow.tools.generate.GeneratedRecord.Kind;
import io.intentflow.tools.kafka.ProducerCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * {@code bin/intentflow generate}: the synthetic clickstream into Kafka, or with {@code --out} into
 * a file of JSON lines. Flags: {@link GeneratorSettings}.
 */
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
        if (settings.out().isPresent()) {
            toFile(settings, settings.out().get());
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
                () -> summary(generator::sent, generator.refused()));
        if (!ok) {
            System.exit(1);
        }
    }

    /** {@code --out}: the records into a file, as fast as the simulation runs. */
    private static void toFile(GeneratorSettings settings, Path out) {
        System.out.printf(
                "generate: %d users, seed %d, start %d, to %s%n", settings.users(), settings.seed(), settings.start(), out);
        ClickstreamFile file = new ClickstreamFile();
        long started = System.nanoTime();
        try {
            file.write(new ClickstreamSimulation(settings, BehaviourModel.standard()), settings, out);
        } catch (IOException e) {
            System.err.println("generate: cannot write " + out + ": " + e.getMessage());
            System.exit(1);
        }
        System.out.println(summary(file::written, 0) + String.format(" in %.1f s", (System.nanoTime() - started) / 1e9));
    }

    /** @param sent records written of a kind; clicks are all kinds but orders */
    static String summary(ToLongFunction<Kind> sent, long refused) {
        long clicks = Arrays.stream(Kind.values()).filter(kind -> kind != Kind.PURCHASE).mapToLong(sent).sum();
        return String.format(
                "generated: clicks=%d purchases=%d malformed=%d duplicates=%d late=%d%s",
                clicks,
                sent.applyAsLong(Kind.PURCHASE),
                sent.applyAsLong(Kind.MALFORMED),
                sent.applyAsLong(Kind.DUPLICATE),
                sent.applyAsLong(Kind.LATE),
                refused == 0 ? "" : " refused=" + refused);
    }
}
