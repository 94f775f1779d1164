package io.intentflow.tools.generate;

import io.intentflow.tools.generate.GeneratedRecord.Kind;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes the simulation to a file instead of Kafka: each record's bytes on a line of its own, in
 * emission order, both topics in one file (an order is the line with an {@code orderId}); the
 * {@code intentflow} dataset format reads it. As fast as the simulation runs: no pacing and no
 * wall clock, so {@code --duration} is simulated time here.
 */
public final class ClickstreamFile {

    private static final int BUFFER_BYTES = 1 << 20;

    private final Map<Kind, Long> written = new EnumMap<>(Kind.class);

    /**
     * Writes until {@code settings}' count or simulated duration is reached.
     *
     * @throws IOException when the file cannot be written
     */
    public void write(ClickstreamSimulation simulation, GeneratorSettings settings, Path out) throws IOException {
        long limit = settings.count().orElse(Long.MAX_VALUE);
        long end = settings.duration().map(d -> settings.start() + d.toMillis()).orElse(Long.MAX_VALUE);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), BUFFER_BYTES)) {
            for (long n = 0; n < limit && simulation.nextEmissionTime() < end; n++) {
                GeneratedRecord record = simulation.next();
                file.write(oneLine(record.value()));
                file.write('\n');
                written.merge(record.kind(), 1L, Long::sum);
            }
        }
    }

    /** Records written of {@code kind}. */
    public long written(Kind kind) {
        return written.getOrDefault(kind, 0L);
    }

    /**
     * The record with its line-end bytes turned into spaces, so that it stays one line. Only the
     * binary-garbage defect has such bytes (JSON escapes them in strings); it stays garbage.
     */
    private static byte[] oneLine(byte[] value) {
        byte[] line = value;
        for (int i = 0; i < line.length; i++) {
            if (line[i] == '\n' || line[i] == '\r') {
                line = line == value ? value.clone() : line;
                line[i] = ' ';
            }
        }
        return line;
    }
}
