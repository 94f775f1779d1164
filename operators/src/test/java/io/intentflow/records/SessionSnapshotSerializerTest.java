package io.intentflow.records;

import static io.intentflow.Clicks.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.Clicks;
import io.intentflow.SessionFolder;
import io.intentflow.model.EventType;
import io.intentflow.session.SessionAccumulator;
import java.io.IOException;
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
    void itsSnapshotRestoresAsCompatible() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, SERIALIZER.snapshotConfiguration());
        TypeSerializerSnapshot<SessionSnapshot> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
        assertThat(restored.restoreSerializer()).isSameAs(SessionSnapshotSerializer.INSTANCE);
    }
}
