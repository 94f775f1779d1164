package io.intentflow.tools.generate;

import io.intentflow.tools.generate.GeneratedRecord.Kind;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code bin/intentflow generate}: the synthetic clickstream into Kafka. Flags: {@link GeneratorSettings}. */
public final class GeneratorCli {

    /** How long Ctrl-C waits for the final summary after the producer flushed. */
    private static final long SUMMARY_WAIT_SECONDS = 5;

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
        CountDownLatch summarised = new CountDownLatch(1);
        // On Ctrl-C: stop and flush, then give main the moment it needs to print the summary.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndAwait(generator, summarised), "generate-stop"));
        System.out.printf(
                "generate: %d users, seed %d, start %d, up to %d records/s to %s and %s on %s%n",
                settings.users(), settings.seed(), settings.start(), settings.rate(),
                settings.clicksTopic(), settings.purchasesTopic(), settings.bootstrap());
        generator.start();
        Thread reporter = new Thread(() -> report(generator), "generate-report");
        reporter.setDaemon(true);
        reporter.start();
        Exception failure = null;
        try {
            generator.await();
        } catch (Exception e) {
            failure = e;
        }
        reporter.interrupt();
        System.out.println(summary(generator));
        summarised.countDown();
        if (failure != null) {
            System.err.println("generate: failed: " + failure);
            System.exit(1);
        }
    }

    private static void report(ClickstreamProducer generator) {
        long last = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long sent = generator.sentTotal();
            System.out.printf(
                    "generate: sent=%d rate=%d/s malformed=%d late=%d purchases=%d%n",
                    sent, sent - last, generator.sent(Kind.MALFORMED), generator.sent(Kind.LATE), generator.sent(Kind.PURCHASE));
            last = sent;
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

    private static void stopAndAwait(ClickstreamProducer generator, CountDownLatch summarised) {
        try {
            generator.stop();
            summarised.await(SUMMARY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
