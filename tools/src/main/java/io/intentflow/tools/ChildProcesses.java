package io.intentflow.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The JVMs the tools start and stop on the user's machine: the Kafka broker and the cluster's. */
public final class ChildProcesses {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ChildProcesses() {}

    /**
     * Runs {@code command} in a session of its own where setsid exists: a Ctrl-C or a closing
     * terminal meant for the tool then does not reach the process. setsid execs in place (a
     * child of a JVM leads no process group), so the pid stays the started JVM's.
     */
    public static void inOwnSession(List<String> command) {
        if (Files.isExecutable(SETSID)) {
            command.add(0, SETSID.toString());
        }
    }

    /** Whether {@code process} exits within {@code timeout}. */
    public static boolean exits(ProcessHandle process, Duration timeout) throws InterruptedException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("onExit never fails", e);
        }
    }

    /**
     * For a process already asked to stop (SIGTERM): waits {@code grace} for it, then kills it
     * (SIGKILL) and waits {@code afterKill}; true once it is gone.
     */
    public static boolean awaitOrKill(ProcessHandle process, Duration grace, Duration afterKill) throws InterruptedException {
        if (exits(process, grace)) {
            return true;
        }
        process.destroyForcibly();
        return exits(process, afterKill);
    }
}
