package io.intentflow.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak resident memory of this JVM, which runs the bench's MiniCluster, TaskManager included
 * (Linux: {@code VmHWM} of {@code /proc/self/status}).
 */
final class PeakRss {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakRss() {}

    /** Starts a new peak from the current resident memory; false where the kernel does not allow it. */
    static boolean reset() {
        try {
            // "5" resets the peak (Linux 4.0+, proc(5)).
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The peak since the last reset (or the JVM's start), in MiB; -1 where /proc cannot tell. */
    static long megabytes() {
        try {
            return Files.readAllLines(STATUS).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst()
                    .orElse(-1);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
