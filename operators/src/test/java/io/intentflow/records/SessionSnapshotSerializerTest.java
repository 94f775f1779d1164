package io.intentflow.records;

import static io.intentflow.Clicks.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.Clicks;
import io.intentflow.SessionFolder;
import io.intentflow.model.EventType;
import io.intentflow.session.SessionAccumulator;
import io.intentflow.model.features.UserContext;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The snapshot's own serializer: what it writes reads back the same, and it survives in savepoints. */
class SessionSnapshotSerializerTest {

    private static final TypeSerializer<SessionSnapshot> SERIALIZER =
            TypeInformation.of(SessionSnapshot.class).createSerializer(new SerializerConfigImpl());

    private static SessionSnapshot roundTrip(SessionSnapshot snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(snapshot, out);
        return SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void flinkUsesItWhereverASnapshotGoes() {
        assertThat(TypeInformation.of(SessionSnapshot.class)).isInstanceOf(SessionSnapshotTypeInfo.class);
        assertThat(SERIALIZER).isSameAs(SessionSnapshotSerializer.INSTANCE);
        // The window's accumulator stays a POJO, with the snapshot in it written by this serializer.
        assertThat(TypeInformation.of(SessionAccumulator.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void aSnapshotReadsBackFieldForField() throws IOException {
        SessionFolder session = new SessionFolder(4);
        session.add(Clicks.click("e1", "ü-1", EventType.SEARCH, minutes(0), 0.0));
        session.add(new Click("e2", "ü-1", EventType.VIEW, null, null, 0.0, "shoes", minutes(1), new RecordOrigin("clicks", 0, 1)));
        session.add(Clicks.click("e3", "ü-1", EventType.ADD_TO_CART, minutes(3), 19.99));
        session.add(Clicks.click("e4", "ü-1", EventType.CHECKOUT_START, minutes(4), 19.99));
        SessionSnapshot inserted = session.add(Clicks.view("e0", "ü-1", minutes(2)));

        SessionSnapshot read = roundTrip(inserted);

        assertThat(read).usingRecursiveComparison().isEqualTo(inserted);
        assertThat(read.change()).isEqualTo(SessionChange.INSERTED);
        assertThat(read.recent()).hasSize(4).extracting(e -> e.itemId()).contains((String) null);
    }

    @Test
    void theUserHistoryTravelsAfterTheRingAndLeavesTheRestAsBefore() throws IOException {
        SessionSnapshot plain = new SessionFolder(4).add(Clicks.view("e1", "u1", minutes(0)));
        SessionSnapshot withUser = plain.withUser(new UserContext(2, minutes(-90), 120.5, 3, minutes(-60)));

        assertThat(roundTrip(withUser)).usingRecursiveComparison().isEqualTo(withUser);
        assertThat(roundTrip(plain).user()).isNull();

        byte[] before = bytes(plain);
        byte[] after = bytes(withUser);
        assertThat(after).hasSize(before.length + 32);
        int changeAt = indexOfChangeByte(before, plain);
        assertThat(after[changeAt]).isEqualTo((byte) (before[changeAt] | 0x80));
        after[changeAt] = before[changeAt];
        assertThat(Arrays.copyOf(after, before.length)).as("everything else byte for byte").isEqualTo(before);
    }

    private static byte[] bytes(SessionSnapshot snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(snapshot, out);
        return out.getCopyOfBuffer();
    }

    /** After sessionId, userId (each a length byte and ASCII here), two ints, two longs and the trigger id. */
    private static int indexOfChangeByte(byte[] bytes, SessionSnapshot s) {
        return 1 + s.sessionId().length() + 1 + s.userId().length() + 4 + 4 + 8 + 8 + 1 + s.triggerEventId().length();
    }

    @Test
    void itsSnapshotRestoresAsCompatible() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, SERIALIZER.snapshotConfiguration());
        TypeSerializerSnapshot<SessionSnapshot> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
        assertThat(restored.restoreSerializer()).isSameAs(SessionSnapshotSerializer.INSTANCE);
    }
}
