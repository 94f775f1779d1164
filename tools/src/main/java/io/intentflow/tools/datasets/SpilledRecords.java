package io.intentflow.tools.datasets;

import io.intentflow.model.EventType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The binary form of records in the sorter's runs on disk: a kind byte, then the fields in order. */
final class SpilledRecords {

    private static final int CLICK = 0;
    private static final int ORDER = 1;

    private SpilledRecords() {}

    static void write(DataOutputStream out, DatasetRecord record) throws IOException {
        if (record instanceof DatasetClick click) {
            out.writeByte(CLICK);
            out.writeUTF(click.eventId());
            out.writeUTF(click.userId());
            out.writeByte(click.type().ordinal());
            writeNullable(out, click.itemId());
            writeNullable(out, click.categoryId());
            out.writeBoolean(click.price() != null);
            if (click.price() != null) {
                out.writeDouble(click.price());
            }
            writeNullable(out, click.query());
            out.writeLong(click.ts());
        } else {
            DatasetOrder order = (DatasetOrder) record;
            out.writeByte(ORDER);
            out.writeUTF(order.orderId());
            out.writeUTF(order.userId());
            out.writeLong(order.ts());
            out.writeDouble(order.amount());
            out.writeInt(order.items().size());
            for (String item : order.items()) {
                out.writeUTF(item);
            }
        }
    }

    /** The next record, or null at the end of the run. */
    static DatasetRecord read(DataInputStream in) throws IOException {
        int kind = in.read();
        if (kind < 0) {
            return null;
        }
        if (kind == CLICK) {
            return new DatasetClick(
                    in.readUTF(), in.readUTF(), EventType.ofOrdinal(in.readByte()), readNullable(in), readNullable(in),
                    in.readBoolean() ? in.readDouble() : null, readNullable(in), in.readLong());
        }
        String orderId = in.readUTF();
        String userId = in.readUTF();
        long ts = in.readLong();
        double amount = in.readDouble();
        List<String> items = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            items.add(in.readUTF());
        }
        return new DatasetOrder(orderId, userId, ts, amount, List.copyOf(items));
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
