package io.intentflow.model.snapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The wire form of a {@link ModelUpdate} (the {@code model-updates} topic): a format byte, then
 * the fields in a fixed order, parameters as raw float32. About 4 bytes per parameter.
 */
public final class ModelUpdateCodec {

    private static final byte FORMAT_V1 = 1;
    private static final int MAX_PARAMS = 64 * 1024 * 1024;

    private ModelUpdateCodec() {}

    public static byte[] encode(ModelUpdate update) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 4 * update.params().length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_V1);
            out.writeLong(update.version());
            out.writeLong(update.parentVersion());
            out.writeUTF(update.configHash());
            out.writeLong(update.createdAt());
            out.writeUTF(update.metrics() == null ? "" : update.metrics());
            out.writeInt(update.params().length);
            for (float p : update.params()) {
                out.writeFloat(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the bytes are not a model update of a known format */
    public static ModelUpdate decode(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT_V1) {
                throw new IOException("unknown model update format " + format);
            }
            long version = in.readLong();
            long parent = in.readLong();
            String configHash = in.readUTF();
            long createdAt = in.readLong();
            String metrics = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > MAX_PARAMS || length * 4L > in.available()) {
                throw new IOException("implausible parameter count " + length);
            }
            float[] params = new float[length];
            for (int i = 0; i < length; i++) {
                params[i] = in.readFloat();
            }
            return new ModelUpdate(version, parent, configHash, createdAt, params, metrics);
        }
    }
}
