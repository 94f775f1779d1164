package io.intentflow.job.generate;

import io.intentflow.job.generate.GeneratedRecord.Kind;

/** {@code bin/intentflow generate}: the synthetic clickstream into Kafka. Flags: {@link GeneratorSettings}. */
public final class GeneratorCli {

    private GeneratorCli() {}

    public static void main(String[] args) throws Exception {
        GeneratorSettings settings;
        try {
            settings = GeneratorSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("generate: " + e.getMessage());
            System.exit(2);
            return;
        }
        ClickstreamProducer generator = new ClickstreamProducer(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(generator), "generate-stop"));
        generator.start();
        System.out.printf(
                "generate: %d users, seed %d, %d events/s to %s on %s%n",
                settings.users(), settings.seed(), settings.rate(), settings.clicksTopic(), settings.bootstrap());
        Thread reporter = new Thread(() -> report(generator), "generate-report");
        reporter.setDaemon(true);
        reporter.start();
        generator.await();
        System.out.println(summary(generator));
    }

    private static void report(ClickstreamProducer generator) {
        long last = 0;
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long sent = generator.clicksSent();
            System.out.printf(
                    "generate: sent=%d rate=%d/s malformed=%d late=%d purchases=%d%n",
                    sent, sent - last, generator.sent(Kind.MALFORMED), generator.sent(Kind.LATE), generator.sent(Kind.PURCHASE));
            last = sent;
        }
    }

    static String summary(ClickstreamProducer generator) {
        return String.format(
                "generated: clicks=%d purchases=%d malformed=%d duplicates=%d late=%d",
                generator.clicksSent(),
                generator.sent(Kind.PURCHASE),
                generator.sent(Kind.MALFORMED),
                generator.sent(Kind.DUPLICATE),
                generator.sent(Kind.LATE));
    }

    private static void stopQuietly(ClickstreamProducer generator) {
        try {
            generator.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
