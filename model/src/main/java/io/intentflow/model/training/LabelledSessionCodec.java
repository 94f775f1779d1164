package io.intentflow.model.training;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Many labelled sessions as one compact byte array: a format byte, then, deflated, the count and
 * each session's label, order value and session key (format 2; format 1, before the value head,
 * had neither), length and features as raw float32 (exact). How the trainer checkpoints
 * its replay reservoir and gate window: one array copies and writes in a fraction of the time
 * the same sessions take as records of nested arrays, and the features (one-hot groups, flags)
 * deflate to about a sixth.
 */
public final class LabelledSessionCodec {

    private static final byte FORMAT_V1 = 1;
    private static final byte FORMAT_V2 = 2;
    private static final int MAX_EVENTS = 1 << 16;
    private static final int BUFFER = 1 << 16;

    private LabelledSessionCodec() {}

    public static byte[] encode(List<LabelledSession> sessions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(FORMAT_V2);
        // Level 1: nearly the ratio of the default level at a fraction of its time.
        Deflater deflater = new Deflater(1);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DeflaterOutputStream(bytes, deflater), BUFFER))) {
            out.writeInt(sessions.size());
            for (LabelledSession session : sessions) {
                float[][] features = session.features();
                out.writeBoolean(session.purchased());
                out.writeDouble(session.orderValue());
                out.writeInt(session.sessionKey());
                out.writeInt(features.length);
                out.writeInt(features[0].length);
                for (float[] event : features) {
                    for (float value : event) {
                        out.writeFloat(value);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the bytes are not labelled sessions of a known format */
    public static List<LabelledSession> decode(byte[] bytes) throws IOException {
        try (DataInputStream in = open(bytes)) {
            boolean withValues = bytes[0] == FORMAT_V2;
            int count = in.readInt();
            List<LabelledSession> sessions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                boolean purchased = in.readBoolean();
                double orderValue = withValues ? in.readDouble() : Double.NaN;
                int sessionKey = withValues ? in.readInt() : 0;
                int events = in.readInt();
                int width = in.readInt();
                if (events < 1 || events > MAX_EVENTS || width < 1 || width > MAX_EVENTS) {
                    throw new IOException("implausible session of " + events + " events x " + width + " features");
                }
                float[][] features = new float[events][width];
                for (float[] event : features) {
                    for (int f = 0; f < width; f++) {
                        event[f] = in.readFloat();
                    }
                }
                sessions.add(new LabelledSession(features, purchased, orderValue, sessionKey));
            }
            return sessions;
        }
    }

    /** How many sessions {@code bytes} hold, without decoding their features. */
    public static int count(byte[] bytes) throws IOException {
        try (DataInputStream in = open(bytes)) {
            return in.readInt();
        }
    }

    private static DataInputStream open(byte[] bytes) throws IOException {
        if (bytes.length == 0 || (bytes[0] != FORMAT_V1 && bytes[0] != FORMAT_V2)) {
            throw new IOException("unknown labelled sessions format " + (bytes.length == 0 ? "(empty)" : bytes[0]));
        }
        return new DataInputStream(new BufferedInputStream(new InflaterInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1)), BUFFER));
    }
}
