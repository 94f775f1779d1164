package io.intentflow.tools.kafka;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Runs a {@link ProducerThread} as a command of the launcher ({@code generate}, {@code replay}): a
 * progress line per second, and a summary line at the end or on Ctrl-C.
 */
public final class ProducerCommand {

    /** How long Ctrl-C waits for the final summary after the producer flushed. */
    private static final long SUMMARY_WAIT_SECONDS = 5;

    private ProducerCommand() {}

    /**
     * @param progress the line printed each second, given the records acknowledged during it
     * @param summary the line printed at the end
     * @return false when the producer failed (said on stderr): the command should exit with 1
     */
    public static boolean run(ProducerThread<?> producer, LongFunction<String> progress, Supplier<String> summary) {
        CountDownLatch summarised = new CountDownLatch(1);
        // On Ctrl-C: stop and flush, then give main the moment it needs to print the summary.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndAwait(producer, summarised), producer.name() + "-stop"));
        producer.start();
        Thread reporter = new Thread(() -> report(producer, progress), producer.name() + "-report");
        reporter.setDaemon(true);
        reporter.start();
        Exception failure = null;
        try {
            producer.await();
        } catch (Exception e) {
            failure = e;
        }
        reporter.interrupt();
        System.out.println(summary.get());
        summarised.countDown();
        if (failure != null) {
            System.err.println(producer.name() + ": failed: " + failure);
        }
        return failure == null;
    }

    private static void report(ProducerThread<?> producer, LongFunction<String> progress) {
        long last = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long sent = producer.sentTotal();
            System.out.println(progress.apply(sent - last));
            last = sent;
        }
    }

    private static void stopAndAwait(ProducerThread<?> producer, CountDownLatch summarised) {
        try {
            producer.stop();
            summarised.await(SUMMARY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
