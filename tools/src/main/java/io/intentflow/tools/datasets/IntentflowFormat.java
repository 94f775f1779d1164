package io.intentflow.tools.datasets;

import io.intentflow.ingest.ClickParser;
import io.intentflow.ingest.InputLimits;
import io.intentflow.ingest.PurchaseParser;
import io.intentflow.records.Click;
import io.intentflow.records.DeadLetter;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.IngestedPurchase;
import io.intentflow.records.Purchase;
import io.intentflow.records.RecordOrigin;
import io.intentflow.tools.datasets.RejectedRow.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The job's own contracts as JSON lines: one record of the {@code clicks} or {@code purchases}
 * topic per line, what {@code bin/intentflow generate --out} writes and what dumping the input
 * topics gives. A line with an {@code orderId} is an order, any other a click. Each line goes
 * through the job's own parsers, with the default input limits, so a line is rejected exactly
 * when the job would dead-letter the record. Ids stay the record's own: a duplicate click keeps
 * its event id, for the job's duplicate detection to find.
 */
final class IntentflowFormat implements DatasetFormat {

    /**
     * The key that makes a line an order, found without a second JSON parse. Only a key matches:
     * a quote inside a string value is escaped, and a value is never followed by a colon.
     */
    private static final Pattern ORDER_ID_KEY = Pattern.compile("\"orderId\"\\s*:");

    private final ClickParser clicks = new ClickParser(InputLimits.defaults());
    private final PurchaseParser orders = new PurchaseParser(InputLimits.defaults());

    @Override
    public String name() {
        return "intentflow";
    }

    @Override
    public DatasetRecord parse(DatasetLine line) throws RejectedRow {
        byte[] value = line.text().getBytes(StandardCharsets.UTF_8);
        RecordOrigin origin = new RecordOrigin(line.source(), line.file(), line.number());
        long now = System.currentTimeMillis();
        if (ORDER_ID_KEY.matcher(line.text()).find()) {
            IngestedPurchase read = orders.parse(null, value, origin, now);
            return order(read.purchase(), read.deadLetter());
        }
        IngestedClick read = clicks.parse(null, value, origin, now);
        return click(read.click(), read.deadLetter());
    }

    private static DatasetClick click(Click click, DeadLetter rejected) throws RejectedRow {
        if (click == null) {
            throw rejection(rejected);
        }
        return new DatasetClick(
                click.eventId(), click.userId(), click.type(), click.itemId(), click.categoryId(), click.price(), click.query(),
                click.ts());
    }

    private static DatasetOrder order(Purchase purchase, DeadLetter rejected) throws RejectedRow {
        if (purchase == null) {
            throw rejection(rejected);
        }
        return new DatasetOrder(purchase.orderId(), purchase.userId(), purchase.ts(), purchase.amount(), List.of(purchase.items()));
    }

    /** The job's reason, under the name the report gives it. */
    private static RejectedRow rejection(DeadLetter deadLetter) {
        Reason reason = switch (deadLetter.reason()) {
            case OVERSIZE -> Reason.OVERSIZE;
            case MALFORMED_JSON, NOT_AN_OBJECT -> Reason.NOT_JSON;
            case MISSING_FIELD, INVALID_FIELD -> Reason.BAD_FIELD;
            case UNKNOWN_TYPE -> Reason.UNKNOWN_TYPE;
            case INVALID_PRICE -> Reason.BAD_NUMBER;
            case INVALID_TIMESTAMP -> Reason.BAD_TIMESTAMP;
            case LATE -> throw new IllegalStateException("a parser never finds a record late");
        };
        return new RejectedRow(reason, deadLetter.reason().wireName() + ": " + deadLetter.detail());
    }
}
