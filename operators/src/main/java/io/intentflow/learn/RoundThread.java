package io.intentflow.learn;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.flink.util.function.ThrowingConsumer;
import org.apache.flink.util.function.ThrowingRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's own thread (a daemon): runs one round at a time off the task thread and hands
 * its outcome back through the task's mailbox, where the task thread applies it. A round that
 * throws fails the task, from the task thread, like any operator error.
 */
final class RoundThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoundThread.class);

    private final MailboxExecutor mailbox;
    private ExecutorService executor;

    RoundThread(String name, MailboxExecutor mailbox) {
        this.mailbox = mailbox;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code round} on this thread, then {@code onTaskThread} with its outcome on the task
     * thread, while {@code afterwards} goes on here: nothing else runs on this thread before it
     * returns.
     */
    <T> void run(Callable<T> round, ThrowingConsumer<T, Exception> onTaskThread, ThrowingConsumer<T, Exception> afterwards) {
        executor.execute(() -> {
            try {
                T outcome = round.call();
                deliver(() -> onTaskThread.accept(outcome));
                afterwards.accept(outcome);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                deliver(() -> {
                    throw new FlinkRuntimeException("A training round failed", t);
                });
            }
        });
    }

    boolean isClosed() {
        return executor.isShutdown();
    }

    /**
     * Waits for a round in flight: it cannot be interrupted inside ND4J, and must not write the
     * registry once the task is gone. A cancelling task's interrupt ends the wait.
     */
    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(Long.MAX_VALUE, TimeUnit.MILLISECONDS);
    }

    /** Rounds run on {@code other} from now on: tests hold a round back with it. */
    void runOn(ExecutorService other) {
        executor.shutdownNow();
        executor = other;
    }

    private void deliver(ThrowingRunnable<Exception> onTaskThread) {
        try {
            mailbox.execute(onTaskThread, "trainer round outcome");
        } catch (RejectedExecutionException e) {
            LOG.debug("The task is closing: a round's outcome is dropped; its examples are in the last checkpoint");
        }
    }
}
