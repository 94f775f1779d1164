package io.intentflow.records;

import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.UserContext;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * {@link SessionSnapshot}'s own serializer. A snapshot with its ring of up to
 * {@code session.ring-size} events crosses the job three times per event (the session window's
 * state, read and written; the exchanges to the scorer and the label joiner), and Flink's POJO
 * serializer spends most of that on reflection and per-field null flags. This one writes the
 * fields in a fixed order. Snapshots are immutable (a new one per event, rings copied on write),
 * so a copy is the snapshot itself.
 *
 * <p>The format is part of savepoints (the session window's state): change it only with a new
 * snapshot version that can read the old one. The user history ({@link SessionSnapshot#user()})
 * was added without one: its presence is the top bit of the change byte, always clear in version
 * 1 data, and a snapshot without history (all window state) is written byte for byte as before.
 */
public final class SessionSnapshotSerializer extends TypeSerializerSingleton<SessionSnapshot> {

    private static final long serialVersionUID = 1L;

    public static final SessionSnapshotSerializer INSTANCE = new SessionSnapshotSerializer();

    private static final SessionChange[] CHANGES = SessionChange.values();

    /** Set in the change byte when the user history follows the ring. */
    private static final int WITH_USER = 0x80;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public SessionSnapshot createInstance() {
        return null;
    }

    @Override
    public SessionSnapshot copy(SessionSnapshot from) {
        return from;
    }

    @Override
    public SessionSnapshot copy(SessionSnapshot from, SessionSnapshot reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SessionSnapshot s, DataOutputView out) throws IOException {
        StringValue.writeString(s.sessionId(), out);
        StringValue.writeString(s.userId(), out);
        out.writeInt(s.events());
        out.writeInt(s.duplicates());
        out.writeLong(s.startTs());
        out.writeLong(s.lastTs());
        StringValue.writeString(s.triggerEventId(), out);
        out.writeByte(s.change().ordinal() | (s.user() == null ? 0 : WITH_USER));
        out.writeByte(s.typeCounts().length);
        for (int count : s.typeCounts()) {
            out.writeInt(count);
        }
        out.writeDouble(s.cartValue());
        out.writeShort(s.recent().length);
        for (SessionEvent e : s.recent()) {
            StringValue.writeString(e.eventId(), out);
            out.writeByte(e.type().ordinal());
            out.writeLong(e.ts());
            StringValue.writeString(e.itemId(), out);
            StringValue.writeString(e.categoryId(), out);
            out.writeDouble(e.price());
        }
        if (s.user() != null) {
            UserContext u = s.user();
            out.writeInt(u.orders());
            out.writeLong(u.lastOrderTs());
            out.writeDouble(u.lastOrderValue());
            out.writeInt(u.sessions());
            out.writeLong(u.lastSessionTs());
        }
    }

    @Override
    public SessionSnapshot deserialize(DataInputView in) throws IOException {
        String sessionId = StringValue.readString(in);
        String userId = StringValue.readString(in);
        int events = in.readInt();
        int duplicates = in.readInt();
        long startTs = in.readLong();
        long lastTs = in.readLong();
        String triggerEventId = StringValue.readString(in);
        int changeByte = in.readUnsignedByte();
        SessionChange change = CHANGES[changeByte & ~WITH_USER];
        int[] typeCounts = new int[in.readByte()];
        for (int i = 0; i < typeCounts.length; i++) {
            typeCounts[i] = in.readInt();
        }
        double cartValue = in.readDouble();
        SessionEvent[] recent = new SessionEvent[in.readShort()];
        for (int i = 0; i < recent.length; i++) {
            recent[i] = new SessionEvent(
                    StringValue.readString(in), EventType.ofOrdinal(in.readByte()), in.readLong(),
                    StringValue.readString(in), StringValue.readString(in), in.readDouble());
        }
        UserContext user = (changeByte & WITH_USER) == 0
                ? null
                : new UserContext(in.readInt(), in.readLong(), in.readDouble(), in.readInt(), in.readLong());
        return new SessionSnapshot(
                sessionId, userId, events, duplicates, startTs, lastTs, triggerEventId, change, typeCounts, cartValue, recent, user);
    }

    @Override
    public SessionSnapshot deserialize(SessionSnapshot reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<SessionSnapshot> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1: the format above (the user history's bit included, see the class comment). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SessionSnapshot> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
