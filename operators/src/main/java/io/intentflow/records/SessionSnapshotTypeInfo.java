package io.intentflow.records;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** {@link SessionSnapshot} with its own serializer, wherever Flink meets it (records and state). */
public final class SessionSnapshotTypeInfo extends TypeInformation<SessionSnapshot> {

    private static final long serialVersionUID = 1L;

    /** What {@code @TypeInfo} on {@link SessionSnapshot} names. */
    public static final class Factory extends TypeInfoFactory<SessionSnapshot> {
        @Override
        public TypeInformation<SessionSnapshot> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new SessionSnapshotTypeInfo();
        }
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<SessionSnapshot> getTypeClass() {
        return SessionSnapshot.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<SessionSnapshot> createSerializer(SerializerConfig config) {
        return SessionSnapshotSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "SessionSnapshot";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SessionSnapshotTypeInfo;
    }

    @Override
    public int hashCode() {
        return SessionSnapshotTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof SessionSnapshotTypeInfo;
    }
}
