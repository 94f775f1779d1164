package io.intentflow.tools.datasets;

import io.intentflow.model.EventType;
import java.util.Map;
import java.util.Optional;

/**
 * RetailRocket's {@code events.csv}: {@code timestamp,visitorid,event,itemid,transactionid}, a
 * header, epoch milliseconds. Types: view → view, addtocart → add_to_cart, transaction →
 * purchase. No prices or categories in this file (they are in the item properties, by week).
 */
final class RetailRocketFormat implements DatasetFormat {

    private static final Map<String, EventType> TYPES = Map.of(
            "view", EventType.VIEW, "addtocart", EventType.ADD_TO_CART, "transaction", EventType.PURCHASE);

    @Override
    public String name() {
        return "retailrocket";
    }

    @Override
    public Optional<String> header() {
        return Optional.of("timestamp,visitorid,event,itemid,transactionid");
    }

    @Override
    public DatasetRecord parse(DatasetLine line) throws RejectedRow {
        CsvRow row = line.fields(5);
        return new DatasetClick(
                line.id(), row.id(1, "visitorid"), row.type(2, TYPES), row.id(3, "itemid"), null, null, null, row.epochMillis(0));
    }
}
