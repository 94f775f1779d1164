package io.intentflow.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.privacy.UserIdKeySource;
import io.intentflow.records.DeadLetter;
import io.intentflow.records.DeadLetterReason;
import io.intentflow.records.IngestedPurchase;
import io.intentflow.records.Purchase;
import io.intentflow.records.RecordOrigin;

/**
 * Parses and validates one order of the {@code purchases} topic: {@code orderId}, {@code
 * userId} and {@code ts} required, {@code amount} a non-negative number, {@code items} an array
 * of item ids (may be absent).
 */
public final class PurchaseParser extends RecordParser<Purchase, IngestedPurchase> {

    private static final long serialVersionUID = 1L;
    private static final int MAX_ITEMS = 1000;

    /** A parser that keeps user ids raw, for tools that read records of their own. */
    public PurchaseParser(InputLimits limits) {
        this(limits, UserIdKeySource.NONE);
    }

    public PurchaseParser(InputLimits limits, UserIdKeySource keys) {
        super(limits, keys);
    }

    @Override
    Purchase read(JsonFields json, RecordOrigin origin, long latestTs) throws RejectedRecord {
        return new Purchase(
                json.requiredString("orderId", InputLimits.MAX_ID_CHARS),
                userId(json),
                json.timestamp("ts", latestTs),
                json.amount("amount"),
                items(json.node("items")),
                origin);
    }

    private static String[] items(JsonNode items) throws RejectedRecord {
        if (items == null || items.isNull()) {
            return new String[0];
        }
        if (!items.isArray() || items.size() > MAX_ITEMS) {
            throw new RejectedRecord(DeadLetterReason.INVALID_FIELD, "field 'items' must be an array of at most " + MAX_ITEMS + " item ids");
        }
        String[] ids = new String[items.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode item = items.get(i);
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > InputLimits.MAX_ID_CHARS) {
                throw new RejectedRecord(DeadLetterReason.INVALID_FIELD, "items[" + i + "] is not an item id");
            }
            ids[i] = item.textValue();
        }
        return ids;
    }

    @Override
    IngestedPurchase valid(Purchase purchase) {
        return IngestedPurchase.valid(purchase);
    }

    @Override
    IngestedPurchase rejected(DeadLetter deadLetter) {
        return IngestedPurchase.rejected(deadLetter);
    }
}
